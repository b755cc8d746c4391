package io.feedbackpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.service.FeedbackPulseService;
import io.feedbackpulse.testing.RawProducers;
import io.feedbackpulse.streams.TopologyObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each of 24 chats is sent twice through a real broker, the copy on another partition of the channel topic
 * under another key (as a retry of a null-keyed record or a replay keyed differently lands), with the
 * service restarted between the two sends on an empty state directory, so the seen-feedback store must come
 * back from its changelog. Then 6 of them are edited, again on another partition. Exactly one scored record
 * per content, the edits as revision 1, at most one alert per item and one for each item with an
 * alert-worthy version.
 */
class DuplicatesIT {
  static final int ITEMS = 24;
  static final int EDITS = 6;
  static final int PARTITIONS = 4;
  static final List<String> TEXTS = List.of("The zipper broke the first day", "terrible quality, returned it",
      "Nobody answers my emails about the refund", "Fits perfectly, love the colour", "great", "awful", "ok",
      "Where is my parcel?");

  @TempDir
  Path dir;

  /**
   * The first copies are keyed by their source id and placed by the producer's own partitioner: with
   * dedupe.in-place they are checked where they are read, and their copies and the edits, on other partitions,
   * cross the by-feedback-id topic into the same tasks. Without it every record crosses the topic.
   */
  @ParameterizedTest(name = "dedupe.in-place={0}")
  @ValueSource(booleans = {false, true})
  void copiesOnOtherPartitionsAndAfterARestartAreDroppedAndEditsAlertOnce(boolean inPlace) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Map<String, String> settings = new HashMap<>(ReliabilityFixture.settings(registry.url(), "duplicates-it"));
      settings.put("kafka.state.dir", dir.resolve("state-1").toString());
      settings.put("dedupe.in-place", Boolean.toString(inPlace));
      AtomicInteger duplicates = new AtomicInteger();
      TopologyObserver countDuplicates = new TopologyObserver() {
        @Override
        public void duplicate(Feedback duplicate) {
          duplicates.incrementAndGet();
        }
      };
      try (Ledger ledger = new Ledger(broker.bootstrapServers(), ReliabilityFixture.avro(registry.url()));
          KafkaProducer<byte[], byte[]> producer = RawProducers.to(broker.bootstrapServers())) {
        try (FeedbackPulseService service = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings,
            countDuplicates)) {
          for (int i = 0; i < ITEMS; i++) {
            chat(producer, null, "m-" + i, i, TEXTS.get(i % TEXTS.size()));
          }
          producer.flush();
          await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
              .until(() -> ledger.poll().scoredCount.size() == ITEMS);
        }

        // the same application on an empty state directory: seen-feedback is restored from its changelog
        settings.put("kafka.state.dir", dir.resolve("state-2").toString());
        try (FeedbackPulseService service = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings,
            countDuplicates)) {
          for (int i = 0; i < ITEMS; i++) {
            chat(producer, (partitionOf("m-" + i) + 1) % PARTITIONS, "retry-" + i, i, TEXTS.get(i % TEXTS.size()));
          }
          producer.flush();
          // a rebalance, a restore from the changelog and a repartition round trip: slow on a loaded machine
          await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
              .untilAsserted(() -> assertThat(duplicates.get()).as("copies dropped so far")
                  .isGreaterThanOrEqualTo(ITEMS));
          // Only now the edits: sent at once, an edit on another partition may reach the filter before its
          // item's copy, and the copy is then a change back to the first text (revision 2), not a copy.
          for (int i = 0; i < EDITS; i++) {
            chat(producer, (partitionOf("m-" + i) + 2) % PARTITIONS, null, i,
                "edited: " + TEXTS.get((i + 1) % TEXTS.size()));
          }
          producer.flush();
          await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
              .untilAsserted(() -> assertThat(ledger.poll().scoredVersions.values().stream().mapToInt(List::size)
                  .sum()).as("scored records so far").isGreaterThanOrEqualTo(ITEMS + EDITS));
        }
        // the service has stopped: what is committed now is all there will be, doubles included
        ledger.readToEnd();

        // at least: the observer may see a record again when an aborted transaction is reprocessed
        assertThat(duplicates.get()).as("copies dropped").isGreaterThanOrEqualTo(ITEMS);
        assertThat(ledger.scoredVersions).hasSize(ITEMS);
        Map<String, Integer> expectedAlerts = new HashMap<>();
        ledger.scoredVersions.forEach((id, versions) -> {
          int n = Integer.parseInt(id.substring("chat:m-".length()));
          assertThat(versions).as(id).extracting(s -> s.getFeedback().getRevision())
              .containsExactlyElementsOf(n < EDITS ? List.of(0, 1) : List.of(0));
          if (versions.stream().anyMatch(DuplicatesIT::alertWorthy)) {
            expectedAlerts.put(id, 1);
          }
        });
        assertThat(expectedAlerts).as("the test needs alert-worthy items").isNotEmpty();
        assertThat(ledger.alertCount).as("alerts per item").isEqualTo(expectedAlerts);
        assertThat(ledger.deadLetters).isEmpty();
        System.out.printf("DuplicatesIT: %d items sent twice, %d edits; %d scored records, %d copies dropped, %d alerts%n",
            ITEMS, EDITS, ledger.scoredVersions.values().stream().mapToInt(List::size).sum(), duplicates.get(),
            ledger.alertCount.size());
      }
    }
  }

  private static boolean alertWorthy(ScoredFeedback s) {
    return s.getLabel() == -1 && s.getProbabilities().getNegative() >= ReliabilityFixture.ALERT_THRESHOLD;
  }

  /** Where the producer's default partitioner puts a record keyed by {@code key}. */
  private static int partitionOf(String key) {
    return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), PARTITIONS);
  }

  /** Even items have a customer (the known-customer alert branch), odd ones none; a null partition: the producer's. */
  private static void chat(KafkaProducer<byte[], byte[]> producer, Integer partition, String key, int item,
      String text) {
    String json = "{\"messageId\":\"m-" + item + "\",\"text\":\"" + text + "\""
        + (item % 2 == 0 ? ",\"customerId\":\"cust-" + item + "\"" : "") + "}";
    producer.send(new ProducerRecord<>("feedback.raw.chat", partition,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
  }
}
