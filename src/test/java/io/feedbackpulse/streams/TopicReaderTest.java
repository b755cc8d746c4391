package io.feedbackpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.streams.TopicReader.Start;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopicReaderTest {
  static final String TOPIC = "model.registry";
  static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  final AtomicLong now = new AtomicLong();
  /** A cluster that makes every poll wait its whole time, records or not. */
  final MockConsumer<byte[], String> consumer = new MockConsumer<>("earliest") {
    @Override
    public synchronized ConsumerRecords<byte[], String> poll(Duration timeout) {
      now.addAndGet(timeout.toNanos());
      return super.poll(timeout);
    }
  };
  final TopicReader<String> reader = new TopicReader<>(consumer, now::get);
  final List<String> read = new ArrayList<>();
  final List<Long> expected = new ArrayList<>();
  final TopicReader.Sink<String> sink = new TopicReader.Sink<>() {
    @Override
    public void expect(long offsets) {
      expected.add(offsets);
    }

    @Override
    public void accept(ConsumerRecord<byte[], String> record) {
      read.add(record.value());
    }
  };

  @BeforeEach
  void twoPartitions() {
    consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null),
        new PartitionInfo(TOPIC, 1, null, null, null)));
  }

  @Test
  void readsEveryPartitionFromItsBeginningToTheEndItHadWhenTheReadBegan() {
    // retention has deleted the first two records of partition 1
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 2L));
    consumer.updateEndOffsets(Map.of(P0, 3L, P1, 4L));
    assertThat(reader.add(TOPIC, Start.beginning(), TIMEOUT)).containsExactly(P0, P1);
    records(P0, 0, "a0", "a1", "a2");
    records(P1, 2, "b2", "b3");
    // written once the read has begun: past the end it reads to
    consumer.schedulePollTask(() -> consumer.updateEndOffsets(Map.of(P0, 5L, P1, 4L)));
    consumer.schedulePollTask(() -> records(P0, 3, "a3", "a4"));

    assertThat(reader.readToEnd(TIMEOUT, sink)).isTrue();

    assertThat(read).containsExactlyInAnyOrder("a0", "a1", "a2", "b2", "b3");
    assertThat(expected).containsExactly(5L);
    assertThat(reader.poll(Duration.ZERO)).extracting(ConsumerRecord::value).containsExactly("a3", "a4");
  }

  @Test
  void givesUpWhenTheReadGetsNoNearerTheEndForTheTimeout() {
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    consumer.updateEndOffsets(Map.of(P0, 3L, P1, 0L));
    reader.add(TOPIC, Start.beginning(), TIMEOUT);
    records(P0, 0, "a0");

    assertThat(reader.readToEnd(TIMEOUT, sink)).isFalse();

    assertThat(read).containsExactly("a0");
    // the first poll read a0; from then on it waited the timeout and one poll more at the most
    assertThat(Duration.ofNanos(now.get())).isBetween(TIMEOUT, TIMEOUT.plusMillis(600));
  }

  @Test
  void keepsReadingPastTheTimeoutWhileEachPollGetsNearerTheEnd() {
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    consumer.updateEndOffsets(Map.of(P0, 8L, P1, 0L));
    for (int i = 0; i < 8; i++) {
      int offset = i;
      consumer.schedulePollTask(() -> records(P0, offset, "a" + offset));
    }

    reader.add(TOPIC, Start.beginning(), TIMEOUT);
    assertThat(reader.readToEnd(TIMEOUT, sink)).isTrue();

    assertThat(read).containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7");
    assertThat(Duration.ofNanos(now.get())).isGreaterThan(TIMEOUT);
  }

  @Test
  void aTopicThatDoesNotExistAddsNothingAndIsReadAtOnce() {
    assertThat(reader.add("model.missing", Start.beginning(), TIMEOUT)).isEmpty();

    assertThat(reader.readToEnd(TIMEOUT, sink)).isTrue();
    assertThat(read).isEmpty();
    assertThat(expected).containsExactly(0L);
    assertThat(now.get()).isZero();
  }

  @Test
  void startsAtTheLastRecordsOrAtTheBeginningWhereThereAreFewer() {
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 8L));
    consumer.updateEndOffsets(Map.of(P0, 10L, P1, 10L));

    reader.add(TOPIC, Start.last(3), TIMEOUT);

    assertThat(consumer.position(P0)).isEqualTo(7);
    assertThat(consumer.position(P1)).isEqualTo(8);
  }

  @Test
  void aTopicAddedLaterKeepsThePositionsOfTheOnesBefore() {
    consumer.updatePartitions("model.refusals", List.of(new PartitionInfo("model.refusals", 0, null, null, null)));
    TopicPartition refusals = new TopicPartition("model.refusals", 0);
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L, refusals, 0L));
    consumer.updateEndOffsets(Map.of(P0, 4L, P1, 4L, refusals, 6L));
    reader.add(TOPIC, Start.last(0), TIMEOUT);

    reader.add("model.refusals", Start.last(2), TIMEOUT);

    assertThat(consumer.assignment()).containsExactlyInAnyOrder(P0, P1, refusals);
    assertThat(List.of(consumer.position(P0), consumer.position(P1), consumer.position(refusals)))
        .containsExactly(4L, 4L, 4L);
  }

  private void records(TopicPartition partition, long from, String... values) {
    for (int i = 0; i < values.length; i++) {
      consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), from + i, null, values[i]));
    }
  }
}
