package io.feedbackpulse.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads topics straight from their partitions, without a consumer group: committed records only, nothing committed
 * and no topic created, so every reader sees every partition and leaves no trace. {@link #add} puts a topic's
 * partitions where a {@link Start} says; then {@link #readToEnd} reads up to the end they have when the read begins,
 * and {@link #poll} follows them past it.
 */
public final class TopicReader<V> implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration CLOSE = Duration.ofSeconds(5);

  private final Consumer<byte[], V> consumer;
  private final LongSupplier nanoTime;

  TopicReader(Consumer<byte[], V> consumer, LongSupplier nanoTime) {
    this.consumer = consumer;
    this.nanoTime = nanoTime;
  }

  /**
   * @param clientProperties bootstrap servers and security settings
   * @param clientId how the cluster's logs and quotas name this reader
   */
  public static <V> TopicReader<V> open(Properties clientProperties, String clientId, Deserializer<V> values) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    // A position that retention deleted meanwhile goes to the oldest record left, not past the records to read.
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return new TopicReader<>(new KafkaConsumer<>(p, new ByteArrayDeserializer(), values), System::nanoTime);
  }

  /**
   * Reads every partition of {@code topic} too, each from where {@code start} puts it.
   *
   * @param timeout how long each lookup may wait for the cluster
   * @return the partitions added; none when the topic does not exist
   * @throws TimeoutException when a lookup times out; what this reads is unchanged
   */
  public List<TopicPartition> add(String topic, Start start, Duration timeout) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      return List.of();
    }
    List<TopicPartition> added = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    Map<TopicPartition, Long> offsets = start.offsets(consumer, added, timeout);
    List<TopicPartition> assigned = new ArrayList<>(consumer.assignment());
    assigned.addAll(added);
    consumer.assign(assigned);
    offsets.forEach(consumer::seek);
    return added;
  }

  /**
   * Reads every partition added up to the end it has now, handing each record to {@code sink}; records committed
   * after this began are left for {@link #poll}.
   *
   * @param timeout how long the read may go without coming nearer the end before it gives up
   * @return whether it reached the end; false when it gave up
   */
  public boolean readToEnd(Duration timeout, Sink<V> sink) {
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
    long behind = behind(end);
    sink.expect(behind);
    long deadline = nanoTime.getAsLong() + timeout.toNanos();
    while (behind > 0) {
      if (nanoTime.getAsLong() > deadline) {
        return false;
      }
      consumer.poll(POLL).forEach(sink::accept);
      long left = behind(end);
      if (left < behind) {
        deadline = nanoTime.getAsLong() + timeout.toNanos();
      }
      behind = left;
    }
    return true;
  }

  /** The records after the last ones read, waiting up to {@code timeout} for some. */
  public ConsumerRecords<byte[], V> poll(Duration timeout) {
    return consumer.poll(timeout);
  }

  /** Makes a {@link #poll} or read under way on another thread throw {@link WakeupException}. */
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(CLOSE);
  }

  /** Offsets from each position to the end: the records still to read, and the markers of their transactions. */
  private long behind(Map<TopicPartition, Long> end) {
    long behind = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      behind += Math.max(0, e.getValue() - consumer.position(e.getKey()));
    }
    return behind;
  }

  /** What a read to the end does with the records it reads. */
  @FunctionalInterface
  public interface Sink<V> {
    /** Once, before the first record: the offsets between the positions and the end, about the records to come. */
    default void expect(long offsets) {
    }

    void accept(ConsumerRecord<byte[], V> record);
  }

  /** Where reading a topic begins: an offset for each of its partitions. */
  @FunctionalInterface
  public interface Start {
    Map<TopicPartition, Long> offsets(Consumer<?, ?> consumer, List<TopicPartition> partitions, Duration timeout);

    /** The oldest record still there. */
    static Start beginning() {
      return (consumer, partitions, timeout) -> consumer.beginningOffsets(partitions, timeout);
    }

    /** The last {@code n} offsets of each partition (all of it where it holds fewer); 0: the records to come. */
    static Start last(long n) {
      return (consumer, partitions, timeout) -> {
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        consumer.endOffsets(partitions, timeout).forEach((tp, end) ->
            offsets.put(tp, Math.max(begin.getOrDefault(tp, 0L), end - n)));
        return offsets;
      };
    }

    /** The first record with a timestamp at or after {@code since}; the end where there is none. */
    static Start since(Instant since) {
      return (consumer, partitions, timeout) -> {
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(tp -> at.put(tp, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> first = consumer.offsetsForTimes(at, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
          OffsetAndTimestamp f = first.get(tp);
          offsets.put(tp, f == null ? end.get(tp) : f.offset());
        }
        return offsets;
      };
    }
  }
}
