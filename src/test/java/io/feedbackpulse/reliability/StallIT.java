package io.feedbackpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.service.FeedbackPulseService;
import io.feedbackpulse.service.Health;
import io.feedbackpulse.streams.TopologyObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream thread that hangs inside the topology while records wait (here: on a latch right after
 * scoring, before the scored records are written) leaves Kafka Streams RUNNING and the consumer
 * heartbeating; only the missing commits tell. The health sample says "stalled" after
 * health.max-stall, and ready again once the thread moves on. A busy but committing service is not stalled.
 */
class StallIT {
  static final Duration MAX_STALL = Duration.ofSeconds(3);

  @TempDir
  Path dir;

  @Test
  void aHungStreamThreadWithRecordsWaitingIsStalledUntilItCommitsAgain() throws Exception {
    HangingObserver hang = new HangingObserver();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Map<String, String> settings = ReliabilityFixture.settings(registry.url(), "stall-it");
      settings.put("kafka.state.dir", dir.resolve("state").toString());
      settings.put("health.max-stall", MAX_STALL.toString());
      try (FeedbackPulseService service = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings, hang);
          Traffic traffic = new Traffic(broker.bootstrapServers(), 11, Instant.now().minus(Duration.ofMinutes(20)))) {
        await().atMost(Duration.ofSeconds(30)).until(service::isReady);
        boolean[] stalledWhileBusy = {false};
        traffic.sendInBursts(600, 200, Duration.ofMillis(100), () -> stalledWhileBusy[0] |= service.health().stalled());
        await().atMost(Duration.ofSeconds(30)).until(() -> hang.scored > 0);
        assertThat(stalledWhileBusy[0]).as("stalled while scoring and committing").isFalse();
        // the metrics the sample reads, by the names Kafka 4.4 gives them
        Map<MetricName, ? extends Metric> metrics = service.streams().metrics();
        assertThat(metrics.keySet()).anySatisfy(name -> {
          assertThat(name.group()).isEqualTo("consumer-fetch-manager-metrics");
          assertThat(name.name()).isEqualTo("records-lag-max");
          assertThat(name.tags().get("client-id")).endsWith("-StreamThread-1-consumer");
        });
        assertThat(metrics.entrySet()).anySatisfy(e -> {
          assertThat(e.getKey().group()).isEqualTo("stream-thread-metrics");
          assertThat(e.getKey().name()).isEqualTo("commit-total");
          assertThat((Double) e.getValue().metricValue()).isPositive();
        });

        hang.hang = true;
        traffic.sendInBursts(200, 100, Duration.ofMillis(50), () -> { });
        long hungAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).until(() -> service.health().stalled());
        Health stalled = service.health();
        System.out.printf("StallIT: stalled after %d ms: %s%n", (System.nanoTime() - hungAt) / 1_000_000, stalled);
        assertThat(stalled.notReadyBecause()).hasValueSatisfying(r -> assertThat(r).startsWith("stalled: records are waiting"));
        assertThat(stalled.streams()).as("a hung thread leaves Kafka Streams RUNNING").hasToString("RUNNING");
        assertThat(stalled.withoutProgress()).isGreaterThanOrEqualTo(MAX_STALL);
        assertThat(service.isReady()).isFalse();

        hang.hang = false;
        hang.release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(service::isReady);
        assertThat(service.health().stalled()).isFalse();
      } finally {
        hang.release.countDown();
      }
    }
  }

  /** Once told to hang, the first scored record holds its stream thread until released. */
  static final class HangingObserver implements TopologyObserver {
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean hang;
    volatile int scored;

    @Override
    public void scored(ScoredFeedback s) {
      scored++;
      if (hang) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
