package io.feedbackpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.Probabilities;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistrySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pipeline watch reads sentiment.drift on a real broker from the cutoff on, each event with its record's time, and
 * the drift trigger fires on the newer one only.
 */
class DriftEventsTopicIT {
  private static final Instant T = Instant.parse("2026-12-07T05:00:00Z");

  @TempDir
  Path dir;

  @Test
  void eventsFromTheCutoffOnComeWithTheirRecordTimesAndOnlyTheNewerFires() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Properties client = new Properties();
      client.put("bootstrap.servers", broker.bootstrapServers());
      AvroSerdes avro = new AvroSerdes(RegistrySettings.of(registry.url()));
      DriftEventsTopic topic = new DriftEventsTopic(client, "sentiment.drift",
          avro.specific(DriftEvent.class, false).deserializer(), Duration.ofSeconds(30));
      assertThat(topic.since(T)).as("no topic yet").isEmpty();

      try (Admin admin = Admin.create(client)) {
        admin.createTopics(List.of(new NewTopic("sentiment.drift", 2, (short) 1))).all().get();
      }
      try (KafkaProducer<String, DriftEvent> producer = new KafkaProducer<>(client, new StringSerializer(),
          avro.specific(DriftEvent.class, false).serializer())) {
        producer.send(new ProducerRecord<>("sentiment.drift", null, T.minusSeconds(60).toEpochMilli(), "chat",
            labelDrift("chat"))).get();
        producer.send(new ProducerRecord<>("sentiment.drift", null, T.plusSeconds(60).toEpochMilli(), "email",
            labelDrift("email"))).get();
      }

      List<DriftTrigger.Observed> events = topic.since(T.minusSeconds(120));
      assertThat(events).extracting(DriftTrigger.Observed::at)
          .containsExactlyInAnyOrder(T.minusSeconds(60), T.plusSeconds(60));
      assertThat(topic.since(T)).extracting(o -> o.event().getChannel()).containsExactly("email");
      assertThat(new DriftTrigger(List.of("label")).fire(events, Optional.empty(), List.of(), T))
          .hasValueSatisfying(why -> assertThat(why).startsWith("drift: label drift on email"));
    }
  }

  private static DriftEvent labelDrift(String channel) {
    Probabilities shares = Probabilities.newBuilder().setNegative(0.3).setNeutral(0.3).setPositive(0.4).build();
    return DriftEvent.newBuilder().setChannel(channel).setKind("label").setStatistic("psi").setValue(0.3)
        .setThreshold(0.25).setWindowStart(T).setWindowEnd(T.plusSeconds(3600)).setTotal(120)
        .setReference("trailing").setReferenceShares(shares).setCurrentShares(shares).build();
  }
}
