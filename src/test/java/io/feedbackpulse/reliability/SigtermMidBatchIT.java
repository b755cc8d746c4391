package io.feedbackpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service in a JVM of its own gets SIGTERM while traffic flows and batches are being scored. It must stop
 * cleanly (exit 0, no JVM crash: the model is closed only once the stream threads are done with it), dead-letter
 * nothing as {@code inference_failed} on the way down, and after a restart every record is scored exactly once.
 */
class SigtermMidBatchIT {
  static final int RECORDS = 3_000;

  @TempDir
  Path dir;

  @Test
  void sigtermWhileBatchesAreScoredExitsCleanlyAndLosesNothing() throws Exception {
    Path logs = Path.of("target", "reliability-logs", "sigterm-mid-batch");
    ServiceProcess service = null;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start();
        Traffic traffic = new Traffic(broker.bootstrapServers(), 5, Instant.now().minus(Duration.ofMinutes(20)));
        Ledger ledger = new Ledger(broker.bootstrapServers(), ReliabilityFixture.avro(registry.url()))) {
      Map<String, String> settings = ReliabilityFixture.settings(registry.url(), "sigterm-mid-batch-it");
      settings.put("kafka.state.dir", dir.resolve("state").toString());
      service = ServiceProcess.startRunning(broker.bootstrapServers(), settings, logs.resolve("run-0.log"));

      // Traffic keeps coming (several seconds of bursts) while the service is stopped under it: after the first
      // fifth the sender holds back until the stop begins, however slowly this machine scores the first 300.
      CountDownLatch stopping = new CountDownLatch(1);
      CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
        try {
          traffic.sendInBursts(RECORDS, 100, Duration.ofMillis(200), () -> {
            if (traffic.sentIdToChannel.size() >= RECORDS / 5) {
              awaitUninterruptibly(stopping);
            }
          });
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
          .until(() -> ledger.poll().scoredCount.size() >= 300);
      stopping.countDown();
      assertThat(sending).as("traffic still flowing at the SIGTERM").isNotDone();
      ServiceProcess stopped = service;
      int exit = stopped.terminate(90);
      System.out.printf("SigtermMidBatchIT: SIGTERM after %d scored, exit %d%n", ledger.scoredCount.size(), exit);
      assertThat(Files.exists(stopped.crashReport())).as("JVM crash report " + stopped.crashReport()).isFalse();
      assertThat(stopped.logContains("A fatal error has been detected")).as("JVM crash in the log").isFalse();
      assertThat(exit).as("exit status after SIGTERM").isZero();
      assertThat(stopped.logContains("Stopped cleanly")).isTrue();
      String log = Files.readString(stopped.log);
      assertThat(log.indexOf("Closed model")).as("the model is closed, and only after Kafka Streams stopped")
          .isGreaterThan(log.indexOf("-> NOT_RUNNING")).isPositive();
      sending.get(2, TimeUnit.MINUTES);
      assertThat(ledger.poll().scoredCount.size()).as("records left to score after the restart").isLessThan(RECORDS);

      service = ServiceProcess.startRunning(broker.bootstrapServers(), settings, logs.resolve("run-1.log"));
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
          .until(() -> ledger.poll().scoredCount.size() >= RECORDS);
      // alerts go through a repartition topic, so they may come a little after the last scored record
      await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          ledger.poll().assertExactlyOnce(traffic.sentIdToChannel, ReliabilityFixture.ALERT_THRESHOLD));
      assertThat(ledger.deadLetters).extracting(DeadLetter::getReason).doesNotContain("inference_failed");
      assertThat(service.terminate(90)).isZero();
      assertThat(Files.exists(service.crashReport())).isFalse();
      System.out.printf("SigtermMidBatchIT: %d records, %d scored once each, %d dead letters, no crash%n",
          traffic.sentIdToChannel.size(), ledger.scoredCount.size(), ledger.deadLetters.size());
    } finally {
      if (service != null && service.isAlive()) {
        service.kill();
      }
    }
  }


  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
