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
 * Two instances with one application id share the 4 partitions of each topic; one stops mid-stream and the
 * other takes its partitions over: nothing lost or doubled, the windows add up to the inputs.
 */
class TwoInstancesIT {
  static final int RECORDS = 4_000;

  @TempDir
  Path dir;

  @Test
  void oneOfTwoInstancesStopsMidStreamTheOtherTakesOver() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start();
        Traffic traffic = new Traffic(broker.bootstrapServers(), 11, Instant.now().minus(Duration.ofMinutes(20)));
        Ledger ledger = new Ledger(broker.bootstrapServers(), ReliabilityFixture.avro(registry.url()))) {
      Map<String, String> settings = ReliabilityFixture.settings(registry.url(), "two-instances-it");
      settings.put("kafka.state.dir", dir.resolve("state-a").toString());
      FeedbackPulseService a = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings);
      settings.put("kafka.state.dir", dir.resolve("state-b").toString());
      FeedbackPulseService b = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings);
      try {
        await().atMost(Duration.ofMinutes(1)).until(() -> a.isRunning() && b.isRunning()
            && !a.streams().metadataForLocalThreads().iterator().next().activeTasks().isEmpty()
            && !b.streams().metadataForLocalThreads().iterator().next().activeTasks().isEmpty());
        int[] bursts = {0};
        traffic.sendInBursts(RECORDS, 200, Duration.ofMillis(200), () -> {
          if (bursts[0]++ == 15) {
            b.close(); // mid-stream: a takes over b's partitions
          }
        });
        assertThat(b.isRunning()).isFalse();
        await().atMost(Duration.ofMinutes(2)).until(() -> ledger.poll().scoredCount.size() >= RECORDS);
        ledger.closeWindowsAndAwait(traffic, RECORDS);
        ledger.poll().poll();
        ledger.assertExactlyOnce(traffic.sentIdToChannel, ReliabilityFixture.ALERT_THRESHOLD);
        ledger.assertWindowsAddUp(traffic.windowedPerChannel);
        System.out.printf("TwoInstancesIT: %d records, 1 of 2 instances stopped, %d scored, %d windows, lost 0, doubled 0%n",
            traffic.sentIdToChannel.size(), ledger.scoredCount.size(), ledger.windows.size());
      } finally {
        a.close();
        b.close();
      }
    }
  }
}
