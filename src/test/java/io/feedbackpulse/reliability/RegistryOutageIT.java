package io.feedbackpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.avro.channel.AppReview;
import io.feedbackpulse.avro.channel.ChatFeedback;
import io.feedbackpulse.avro.channel.SocialPost;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.service.FeedbackPulseService;
import io.feedbackpulse.testing.RawProducers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry becomes unreachable for the service (its connection is cut) while framed-Avro records
 * with schemas the service has not seen yet arrive: the service retries with backoff and skips nothing; when the
 * registry is back, every record is scored once and none is dead-lettered.
 */
class RegistryOutageIT {
  static final int PER_CHANNEL = 100;
  static final Duration OUTAGE = Duration.ofSeconds(12);

  @TempDir
  Path dir;

  @Test
  void recordsThatArriveWhileTheRegistryIsDownAreScoredWhenItIsBack() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start();
        TcpProxy toRegistry = new TcpProxy(URI.create(registry.url()).getPort())) {
      String proxied = "http://127.0.0.1:" + toRegistry.port();
      Map<String, String> settings = ReliabilityFixture.settings(proxied, "registry-outage-it");
      settings.put("kafka.state.dir", dir.resolve("state").toString());
      AvroSerdes avro = ReliabilityFixture.avro(registry.url());
      try (FeedbackPulseService service = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings);
          Ledger ledger = new Ledger(broker.bootstrapServers(), avro);
          KafkaProducer<byte[], byte[]> producer = RawProducers.to(broker.bootstrapServers())) {
        Set<String> expected = new HashSet<>();
        Instant at = Instant.now().minus(Duration.ofMinutes(5));
        for (int i = 0; i < PER_CHANNEL; i++) {
          send(producer, "feedback.raw.chat", "m-before-" + i, avro.specific(ChatFeedback.class, false).serializer()
              .serialize("feedback.raw.chat", ChatFeedback.newBuilder().setMessageId("m-before-" + i)
                  .setText("The fabric is soft but the colour faded").setSentAt(at).build()));
          expected.add("chat:m-before-" + i);
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> ledger.poll().scoredCount.size() >= PER_CHANNEL);

        toRegistry.down();
        for (int i = 0; i < PER_CHANNEL; i++) {
          send(producer, "feedback.raw.app", "r-" + i, avro.specific(AppReview.class, false).serializer()
              .serialize("feedback.raw.app", AppReview.newBuilder().setReviewId("r-" + i)
                  .setText("Runs small, had to return it").setRating(2).setSubmittedAt(at).build()));
          send(producer, "feedback.raw.social", "p-" + i, avro.specific(SocialPost.class, false).serializer()
              .serialize("feedback.raw.social", SocialPost.newBuilder().setPostId("p-" + i)
                  .setText("Obsessed with this jacket").setPostedAt(at).build()));
          expected.add("app:r-" + i);
          expected.add("social:p-" + i);
        }
        producer.flush();
        Thread.sleep(OUTAGE.toMillis());
        ledger.poll();
        assertThat(ledger.scoredCount).as("nothing new scored while the registry is down").hasSize(PER_CHANNEL);
        assertThat(ledger.deadLetters).as("nothing dead-lettered for an outage").isEmpty();
        assertThat(service.streams().state().isRunningOrRebalancing()).as("the service keeps going").isTrue();

        toRegistry.up();
        // Stream threads that failed on the outage are replaced by the service; their exceptions are expected here.
        await().dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(1))
            .until(() -> ledger.poll().scoredCount.size() >= 3 * PER_CHANNEL);
        ledger.poll().poll();
        assertThat(ledger.scoredCount.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ledger.scoredCount.values()).allMatch(c -> c == 1);
        assertThat(ledger.deadLetters).isEmpty();
        System.out.printf("RegistryOutageIT: %d framed-Avro records (%d during a %d s registry outage): %d scored, "
            + "0 dead letters, lost 0, doubled 0%n", expected.size(), 2 * PER_CHANNEL, OUTAGE.toSeconds(),
            ledger.scoredCount.size());
      }
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
  }
}
