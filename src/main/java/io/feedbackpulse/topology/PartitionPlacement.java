package io.feedbackpulse.topology;

import io.feedbackpulse.avro.Feedback;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Says of each accepted item whether its input partition is the one its source id belongs to among
 * {@code partitions} ({@link IdPartition}), the by-feedback-id topic's partition count. A task reads partition p of
 * every input topic and of the by-feedback-id topic, so an item found there is where the hop would take it.
 */
final class PartitionPlacement implements FixedKeyProcessor<String, Feedback, PlacedFeedback> {
  private final int partitions;
  private FixedKeyProcessorContext<String, PlacedFeedback> context;

  PartitionPlacement(int partitions) {
    this.partitions = partitions;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, PlacedFeedback> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Feedback> record) {
    Feedback feedback = record.value();
    boolean inPlace = context.recordMetadata()
        .map(m -> m.partition() == IdPartition.of(feedback.getSourceId(), partitions)).orElse(false);
    context.forward(record.withValue(new PlacedFeedback(feedback, inPlace)));
  }
}
