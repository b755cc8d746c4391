package io.feedbackpulse.streams;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.SupportCase;
import io.feedbackpulse.registry.AvroSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** The Confluent-framed Avro serdes of the records the topology writes. */
public record OutputSerdes(Serde<ScoredFeedback> scored, Serde<SupportAlert> alert, Serde<DeadLetter> deadLetter,
    Serde<LabelDistribution> distribution, Serde<DriftEvent> drift, Serde<SupportCase> supportCase,
    Serde<ModelComparison> comparison) {

  public static final int DEFAULT_MAX_BYTES = 900_000;

  public static OutputSerdes of(AvroSerdes avro) {
    return of(avro, DEFAULT_MAX_BYTES);
  }

  /** @param maxBytes the largest value any output may serialize to ({@code output.max-bytes}) */
  public static OutputSerdes of(AvroSerdes avro, int maxBytes) {
    return new OutputSerdes(bounded(avro, ScoredFeedback.class, maxBytes), bounded(avro, SupportAlert.class, maxBytes),
        bounded(avro, DeadLetter.class, maxBytes), bounded(avro, LabelDistribution.class, maxBytes),
        bounded(avro, DriftEvent.class, maxBytes), bounded(avro, SupportCase.class, maxBytes),
        bounded(avro, ModelComparison.class, maxBytes));
  }

  private static <T extends SpecificRecord> Serde<T> bounded(AvroSerdes avro, Class<T> type, int maxBytes) {
    return SizeBoundedSerde.of(avro.specific(type, false), maxBytes);
  }
}
