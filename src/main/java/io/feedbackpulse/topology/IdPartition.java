package io.feedbackpulse.topology;

import io.feedbackpulse.avro.Feedback;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The partition an item belongs to by its source id: where Kafka's default partitioner puts a record keyed by that
 * id (murmur2 of its UTF-8 bytes). With {@code dedupe.in-place}, the by-feedback-id topic is partitioned this way,
 * so an item read from the partition its id belongs to is already in the task that owns the id and skips the hop.
 */
final class IdPartition implements StreamPartitioner<String, Feedback> {

  static int of(String sourceId, int partitions) {
    return Utils.toPositive(Utils.murmur2(sourceId.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, Feedback value, int numPartitions) {
    return Optional.of(Set.of(of(value.getSourceId(), numPartitions)));
  }
}
