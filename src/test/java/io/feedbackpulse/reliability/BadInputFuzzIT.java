package io.feedbackpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.service.FeedbackPulseService;
import io.feedbackpulse.testing.RawProducers;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 3,000 malformed records of twelve kinds interleaved with good sample traffic: every bad one is dead-lettered
 * once with its reason, original bytes and coordinates, every good one is scored once, the service keeps running.
 */
class BadInputFuzzIT {
  static final int MALFORMED = 3_000;
  static final int GOOD = 500;

  @TempDir
  Path dir;

  record Coordinates(String topic, int partition, long offset) {}

  @Test
  void everyMalformedRecordIsDeadLetteredEveryGoodOneScored() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Map<String, String> settings = ReliabilityFixture.settings(registry.url(), "bad-input-fuzz-it");
      settings.put("kafka.state.dir", dir.resolve("state").toString());
      try (FeedbackPulseService service = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings);
          Traffic good = new Traffic(broker.bootstrapServers(), 3, Instant.now().minus(Duration.ofMinutes(20)));
          Ledger ledger = new Ledger(broker.bootstrapServers(), ReliabilityFixture.avro(registry.url()));
          KafkaProducer<byte[], byte[]> producer = RawProducers.to(broker.bootstrapServers())) {
        MalformedRecords malformed = new MalformedRecords(17, ReliabilityFixture.avro(registry.url()));
        List<MalformedRecords.Malformed> sent = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        int perGood = MALFORMED / GOOD;
        for (int i = 0; i < MALFORMED; i++) {
          MalformedRecords.Malformed m = malformed.next(i);
          sent.add(m);
          acks.add(producer.send(m.record()));
          if (i % perGood == 0) {
            good.sendInBursts(1, 1, Duration.ZERO, () -> { });
          }
        }
        producer.flush();
        good.flush();
        Map<Coordinates, MalformedRecords.Malformed> byCoordinates = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
          RecordMetadata md = acks.get(i).get();
          byCoordinates.put(new Coordinates(md.topic(), md.partition(), md.offset()), sent.get(i));
        }

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
          ledger.poll();
          return ledger.deadLetters.size() >= MALFORMED && ledger.scoredCount.size() >= GOOD;
        });
        ledger.poll().poll();

        assertThat(service.isRunning()).as("still running").isTrue();
        assertThat(ledger.deadLetters).hasSize(MALFORMED);
        Map<String, Integer> perKind = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (DeadLetter d : ledger.deadLetters) {
          MalformedRecords.Malformed m = byCoordinates.remove(
              new Coordinates(d.getSourceTopic(), d.getPartition(), d.getOffset()));
          if (m == null) {
            wrong.add("a dead letter for no malformed record, or a second one: " + d.getSourceTopic() + "-"
                + d.getPartition() + "@" + d.getOffset() + " " + d.getReason());
            continue;
          }
          perKind.merge(m.kind(), 1, Integer::sum);
          if (m.expectedReason() != null && !m.expectedReason().equals(d.getReason())) {
            wrong.add(m.kind() + ": reason " + d.getReason() + " (" + d.getDetail() + ")");
          }
          if (!Arrays.equals(m.record().value(), bytes(d.getOriginalValue()))
              || !Arrays.equals(m.record().key(), bytes(d.getOriginalKey()))) {
            wrong.add(m.kind() + ": original bytes differ");
          }
          if (d.getReason().isBlank() || d.getDetail().isBlank()) {
            wrong.add(m.kind() + ": no reason");
          }
        }
        assertThat(wrong).as("dead letters that are wrong").isEmpty();
        assertThat(byCoordinates).as("malformed records without a dead letter").isEmpty();
        assertThat(perKind.keySet()).containsExactlyInAnyOrderElementsOf(MalformedRecords.KINDS);
        assertThat(ledger.scoredCount.keySet()).containsExactlyInAnyOrderElementsOf(good.sentIdToChannel.keySet());
        assertThat(ledger.scoredCount.values()).allMatch(c -> c == 1);
        System.out.printf("BadInputFuzzIT: %d malformed (%s) and %d good records: %d dead letters, %d scored, "
            + "lost 0, doubled 0%n", MALFORMED, perKind, GOOD, ledger.deadLetters.size(), ledger.scoredCount.size());
      }
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    if (b == null) {
      return null;
    }
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
