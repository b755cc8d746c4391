package io.feedbackpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.streams.TopologyObserver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * dedupe.in-place with 3 partitions. The test driver reads every input record from partition 0, so items whose
 * source id belongs to partition 0 are checked and scored in place, and the others cross the by-feedback-id topic.
 * Either way each item is scored once, copies are dropped and edits become revisions; only the moved items are
 * written to the topic, and each to the partition a producer keying by its source id would have chosen.
 */
class InPlaceDedupeTopologyTest {
  private static final Instant T0 = TopologyFixture.T0;
  private static final int PARTITIONS = 3;
  private static final String BY_ID_TOPIC = "topology-test-by-feedback-id-repartition";
  private final AtomicInteger duplicates = new AtomicInteger();
  private final TopologyFixture f = new TopologyFixture(Map.of("dedupe.in-place", "true",
      "topics.partitions", Integer.toString(PARTITIONS), "dedupe.window", "PT1H"), new TopologyObserver() {
        @Override
        public void duplicate(Feedback duplicate) {
          duplicates.incrementAndGet();
        }
      });

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void itemsOnTheirIdsPartitionSkipTheTopicAndEveryItemIsScoredOnce() {
    List<String> ids = IntStream.range(0, 12).mapToObj(i -> "c-" + i).toList();
    List<String> inPlace = ids.stream().filter(id -> partitionOf(id) == 0).toList();
    assertThat(inPlace).as("ids of both kinds").isNotEmpty().hasSizeLessThan(ids.size());
    TestOutputTopic<String, byte[]> byId = f.driver.createOutputTopic(BY_ID_TOPIC, new StringDeserializer(),
        new ByteArrayDeserializer());

    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < ids.size(); i++) {
        f.json("feedback.raw.chat", round == 0 ? ids.get(i) : null, chat(ids.get(i), "Where is my parcel?"),
            T0.plusSeconds(round * 100L + i));
      }
    }
    f.json("feedback.raw.chat", null, chat(ids.get(0), "Where is my parcel? It is late"), T0.plusSeconds(300));
    f.json("feedback.raw.chat", null, chat(ids.get(1), "Where is my parcel? It is late"), T0.plusSeconds(301));

    List<KeyValue<String, ScoredFeedback>> scored = f.scored.readKeyValuesToList();
    assertThat(scored).extracting(kv -> kv.key + "#" + kv.value.getFeedback().getRevision())
        .containsExactlyInAnyOrderElementsOf(concat(ids.stream().map(id -> "chat:" + id + "#0").toList(),
            List.of("chat:c-0#1", "chat:c-1#1")));
    assertThat(duplicates.get()).as("the second round: copies").isEqualTo(ids.size());
    List<String> moved = ids.stream().filter(id -> !inPlace.contains(id)).map(id -> "chat:" + id).toList();
    List<String> crossed = byId.readKeyValuesToList().stream().map(kv -> kv.key).toList();
    // copies and edits cross or not as their ids do
    assertThat(crossed.stream().distinct().toList()).as("items that crossed the by-feedback-id topic")
        .containsExactlyInAnyOrderElementsOf(moved);
    assertThat(f.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void theMovedItemsGoWhereAProducerKeyingBySourceIdPutsThem() {
    for (String id : List.of("m-1", "m-2", "order-77", "ÿ-unicode")) {
      assertThat(IdPartition.of(id, 7)).as(id).isEqualTo(partitionOf(id, 7));
      assertThat(new IdPartition().partitions("t", "chat:" + id,
          Feedback.newBuilder(feedbackStub()).setId("chat:" + id).setSourceId(id).build(), 7))
          .contains(Set.of(partitionOf(id, 7)));
    }
  }

  private static Feedback feedbackStub() {
    return Feedback.newBuilder().setId("chat:x").setChannel("chat").setSourceId("x").setEventTime(T0)
        .setEventTimeSource("payload").setOriginalText("x").setText("x").build();
  }

  private static int partitionOf(String sourceId) {
    return partitionOf(sourceId, PARTITIONS);
  }

  private static int partitionOf(String sourceId, int partitions) {
    return BuiltInPartitioner.partitionForKey(sourceId.getBytes(StandardCharsets.UTF_8), partitions);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  private static String chat(String id, String text) {
    return "{\"messageId\":\"" + id + "\",\"text\":\"" + text + "\"}";
  }
}
