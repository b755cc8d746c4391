package io.feedbackpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.service.FeedbackPulseService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away for ~12 s mid-stream and comes back on the same port and data: the service is not
 * ready meanwhile, recovers by itself, and nothing is lost or doubled.
 */
class BrokerOutageIT {
  static final int RECORDS = 4_000;
  static final Duration OUTAGE = Duration.ofSeconds(12);

  @TempDir
  Path dir;

  @Test
  void serviceRidesOutABrokerOutage() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Map<String, String> settings = ReliabilityFixture.settings(registry.url(), "broker-outage-it");
      settings.put("kafka.state.dir", dir.resolve("state").toString());
      try (FeedbackPulseService service = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings);
          Traffic traffic = new Traffic(broker.bootstrapServers(), 5, Instant.now().minus(Duration.ofMinutes(20)));
          Ledger ledger = new Ledger(broker.bootstrapServers(), ReliabilityFixture.avro(registry.url()))) {
        await().atMost(Duration.ofSeconds(30)).until(service::isReady);
        traffic.sendInBursts(RECORDS / 2, 200, Duration.ofMillis(100), () -> { });

        broker.stop();
        long down = System.nanoTime();
        await().atMost(OUTAGE).until(() -> !service.isReady());
        boolean readyDuringOutage = false;
        while (System.nanoTime() - down < OUTAGE.toNanos()) {
          readyDuringOutage |= service.isReady();
          Thread.sleep(200);
        }
        broker.restart();

        await().atMost(Duration.ofMinutes(1)).until(service::isReady);
        traffic.sendInBursts(RECORDS / 2, 200, Duration.ofMillis(100), () -> { });
        await().atMost(Duration.ofMinutes(2)).until(() -> ledger.poll().scoredCount.size() >= RECORDS);
        ledger.closeWindowsAndAwait(traffic, RECORDS);
        assertThat(readyDuringOutage).as("ready while the broker was down").isFalse();
        assertThat(service.isRunning()).isTrue();
        ledger.poll().poll();
        ledger.assertExactlyOnce(traffic.sentIdToChannel, ReliabilityFixture.ALERT_THRESHOLD);
        ledger.assertWindowsAddUp(traffic.windowedPerChannel);
        System.out.printf("BrokerOutageIT: %d records, 1 outage of %d s, %d scored, lost 0, doubled 0%n",
            traffic.sentIdToChannel.size(), OUTAGE.toSeconds(), ledger.scoredCount.size());
      }
    }
  }
}
