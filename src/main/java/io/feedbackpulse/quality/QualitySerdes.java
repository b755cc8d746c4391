package io.feedbackpulse.quality;

import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.ModelQuality;
import io.feedbackpulse.avro.ReviewItem;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.streams.SizeBoundedSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** The Confluent-framed Avro serdes of the ground-truth outputs. */
public record QualitySerdes(Serde<LabelledFeedback> labelled, Serde<ModelQuality> quality, Serde<ReviewItem> review) {

  /** @param maxBytes the largest value any output may serialize to ({@code output.max-bytes}) */
  public static QualitySerdes of(AvroSerdes avro, int maxBytes) {
    return new QualitySerdes(bounded(avro, LabelledFeedback.class, maxBytes), bounded(avro, ModelQuality.class, maxBytes),
        bounded(avro, ReviewItem.class, maxBytes));
  }

  private static <T extends SpecificRecord> Serde<T> bounded(AvroSerdes avro, Class<T> type, int maxBytes) {
    return SizeBoundedSerde.of(avro.specific(type, false), maxBytes);
  }
}
