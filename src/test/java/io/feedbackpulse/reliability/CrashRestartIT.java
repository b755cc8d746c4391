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
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service in a JVM of its own is SIGKILLed at random moments while sample traffic flows, and started
 * again; later, while a burst is being scored, it gets SIGTERM and must stop cleanly (exit 0, no JVM crash: the
 * model is closed only once the stream threads are done with it), and is started again. At the end SIGTERM
 * leaves the stores checkpointed, so the next start restores nothing. Exactly-once: every input scored once,
 * every alert-worthy negative alerted once, the closed windows add up to the inputs per channel, and no record is
 * dead-lettered as an inference failure.
 */
class CrashRestartIT {
  static final int RECORDS = 6_000;
  static final int KILLS = 3;

  @TempDir
  Path dir;

  @Test
  void killedThreeTimesAndStoppedMidBatchNothingLostNothingDoubled() throws Exception {
    Path logs = Path.of("target", "reliability-logs", "crash-restart");
    ServiceProcess[] service = {null};
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start();
        Traffic traffic = new Traffic(broker.bootstrapServers(), 42, Instant.now().minus(Duration.ofMinutes(20)));
        Ledger ledger = new Ledger(broker.bootstrapServers(), ReliabilityFixture.avro(registry.url()))) {
      Map<String, String> settings = ReliabilityFixture.settings(registry.url(), "crash-restart-it");
      settings.put("kafka.state.dir", dir.resolve("state").toString());
      Random random = new Random(42);
      int[] incarnation = {0};
      service[0] = ServiceProcess.startRunning(broker.bootstrapServers(), settings, logs.resolve("run-0.log"));
      int sendRounds = RECORDS / 100;
      Set<Integer> killRounds = Stream.generate(() -> 5 + random.nextInt(sendRounds - 10)).distinct().limit(KILLS)
          .collect(Collectors.toSet());
      int sigtermRound = sendRounds - 4; // after every kill round
      int[] round = {0};

      traffic.sendInBursts(RECORDS, 200, Duration.ofMillis(300), () -> {
        int now = round[0]++;
        try {
          if (killRounds.contains(now)) {
            Thread.sleep(random.nextInt(1500));
            service[0].kill();
            incarnation[0]++;
            service[0] = ServiceProcess.start(broker.bootstrapServers(), settings,
                logs.resolve("run-" + incarnation[0] + ".log"));
          } else if (now == sigtermRound) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> service[0].logContains("-> RUNNING"));
            stopMidBatch(service[0]);
            service[0] = ServiceProcess.start(broker.bootstrapServers(), settings,
                logs.resolve("after-sigterm-mid-batch.log"));
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(incarnation[0]).isEqualTo(KILLS);

      await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
          .conditionEvaluationListener(c -> System.out.printf("%s scored %d of %d%n", Instant.now(),
              ledger.scoredCount.size(), RECORDS))
          .until(() -> ledger.poll().scoredCount.size() >= RECORDS);
      ledger.closeWindowsAndAwait(traffic, RECORDS);

      assertThat(service[0].terminate(60)).as("exit status after SIGTERM").isZero();
      assertThat(service[0].logContains("Stopped cleanly")).isTrue();
      assertThat(committedOffsetsAtEnd(broker, traffic)).as("input offsets committed up to the end").isTrue();
      // a store closed uncleanly under exactly-once is wiped and restored on the next start, and says so
      service[0] = ServiceProcess.startRunning(broker.bootstrapServers(), settings, logs.resolve("after-sigterm.log"));
      assertThat(service[0].logContains("did not find checkpoint offsets")).as("stores were closed cleanly").isFalse();
      assertThat(service[0].terminate(60)).isZero();

      ledger.poll().poll();
      ledger.assertExactlyOnce(traffic.sentIdToChannel, ReliabilityFixture.ALERT_THRESHOLD);
      ledger.assertWindowsAddUp(traffic.windowedPerChannel);
      assertThat(ledger.deadLetters).extracting(DeadLetter::getReason).doesNotContain("inference_failed");
      System.out.printf("CrashRestartIT: %d records, %d kills and a SIGTERM mid-batch, %d scored, %d alerts, "
          + "%d windows, lost 0, doubled 0%n", traffic.sentIdToChannel.size(), KILLS, ledger.scoredCount.size(),
          ledger.alertCount.size(), ledger.windows.size());
    } finally {
      if (service[0] != null && service[0].isAlive()) {
        service[0].kill();
      }
    }
  }

  /** SIGTERM right after a burst was sent: the service stops cleanly with batches in flight. */
  private static void stopMidBatch(ServiceProcess stopped) throws Exception {
    int exit = stopped.terminate(90);
    assertThat(Files.exists(stopped.crashReport())).as("JVM crash report " + stopped.crashReport()).isFalse();
    assertThat(stopped.logContains("A fatal error has been detected")).as("JVM crash in the log").isFalse();
    assertThat(exit).as("exit status after SIGTERM").isZero();
    assertThat(stopped.logContains("Stopped cleanly")).isTrue();
    String log = Files.readString(stopped.log);
    assertThat(log.indexOf("Closed model")).as("the model is closed, and only after Kafka Streams stopped")
        .isGreaterThan(log.indexOf("-> NOT_RUNNING")).isPositive();
  }

  private static boolean committedOffsetsAtEnd(EmbeddedKafkaBroker broker, Traffic traffic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("crash-restart-it")
          .partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> inputs = committed.keySet().stream()
          .filter(tp -> tp.topic().startsWith("feedback.raw."))
          .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
      if (inputs.size() != 16) {
        return false;
      }
      var ends = admin.listOffsets(inputs).all().get();
      return inputs.keySet().stream().allMatch(tp -> committed.get(tp).offset() == ends.get(tp).offset());
    }
  }
}
