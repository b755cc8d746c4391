package io.feedbackpulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.testing.RawProducers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker, one service that is never restarted: a chat about a parcel that never came alerts with reason
 * {@code delivery}; three similar chats are then labelled {@code customer_service} on feedback.labels, and a later
 * chat of the same text alerts with {@code customer_service}: the service learned the labels' reasons from
 * feedback.labelled as it ran.
 */
class LearnedReasonsIT {
  private static final String PARCEL = "My parcel never arrived and nobody tells me where it is";
  private static final List<String> SIMILAR = List.of(
      "My parcel never arrived and nobody tells me where it is, again",
      "My parcel never came and nobody tells me where it is",
      "The parcel never arrived and no one tells me where");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void labelsWithAReasonChangeTheReasonsOfLaterAlertsWithoutARestart() throws Exception {
    try (LiveServiceFixture live = new LiveServiceFixture(dir, "learned-reasons-it")) {
      // every chat the tiny model reads as negative alerts
      ServiceWithHttp instance = live.startInstance(Map.of("alerts.negative-threshold", "0.0",
          "alerts.medium-priority-threshold", "1.01", "alerts.high-priority-threshold", "1.01"));
      await().atMost(Duration.ofSeconds(60)).until(() -> instance.service().isReady());
      try (KafkaProducer<byte[], byte[]> producer = RawProducers.to(live.broker.bootstrapServers());
          Alerts alerts = new Alerts(live.broker.bootstrapServers(), live.registry.url())) {
        chat(producer, "c-0", PARCEL);
        for (int i = 0; i < SIMILAR.size(); i++) {
          chat(producer, "l-" + i, SIMILAR.get(i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> alerts.poll().firstReason("chat:c-0") != null);
        assertThat(alerts.firstReason("chat:c-0")).isEqualTo("delivery");

        String labeledAt = Instant.now().toString();
        for (int i = 0; i < SIMILAR.size(); i++) {
          String id = "chat:l-" + i;
          send(producer, "feedback.labels", id, Map.of("id", id, "label", -1, "source", "agent",
              "reason", "customer_service", "labeledAt", labeledAt));
        }
        producer.flush();

        // the same text again and again under new ids, until one alerts with the learned reason
        int[] next = {1};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
          chat(producer, "c-" + next[0]++, PARCEL);
          producer.flush();
          alerts.poll();
          for (int i = 1; i < next[0]; i++) {
            if ("customer_service".equals(alerts.firstReason("chat:c-" + i))) {
              return true;
            }
          }
          return false;
        });
        assertThat(instance.service().isReady()).isTrue();
      }
    }
  }

  private static void chat(KafkaProducer<byte[], byte[]> producer, String id, String text) throws Exception {
    send(producer, "feedback.raw.chat", id, Map.of("messageId", id, "text", text));
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, Map<String, ?> value)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(value)));
  }

  /** support.alerts as committed, each alert's first reason by feedback id. */
  private static final class Alerts implements AutoCloseable {
    private final Map<String, String> firstReasons = new HashMap<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<SupportAlert> reader;

    Alerts(String bootstrapServers, String registryUrl) {
      reader = new AvroSerdes(RegistrySettings.from(Settings.builder().set("schema.registry.url", registryUrl)
          .build())).specific(SupportAlert.class, false).deserializer();
      Properties p = new Properties();
      p.put("bootstrap.servers", bootstrapServers);
      p.put("group.id", "learned-reasons-" + UUID.randomUUID());
      p.put("isolation.level", "read_committed");
      p.put("auto.offset.reset", "earliest");
      p.put("metadata.max.age.ms", "1000");
      consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      consumer.subscribe(List.of("support.alerts"));
    }

    Alerts poll() {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        SupportAlert alert = reader.deserialize(r.topic(), r.value());
        if (!alert.getReasons().isEmpty()) {
          firstReasons.put(alert.getFeedbackId(), alert.getReasons().get(0).getName());
        }
      }
      return this;
    }

    String firstReason(String feedbackId) {
      return firstReasons.get(feedbackId);
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
