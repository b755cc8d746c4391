package io.feedbackpulse.topology;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.registry.AvroSerdes;
import org.apache.kafka.common.serialization.Serde;

/** The Confluent-framed Avro serdes of the records the topology writes. */
public record OutputSerdes(Serde<ScoredFeedback> scored, Serde<SupportAlert> alert, Serde<DeadLetter> deadLetter,
    Serde<LabelDistribution> distribution, Serde<DriftEvent> drift) {

  public static OutputSerdes of(AvroSerdes avro) {
    return new OutputSerdes(avro.specific(ScoredFeedback.class, false), avro.specific(SupportAlert.class, false),
        avro.specific(DeadLetter.class, false), avro.specific(LabelDistribution.class, false),
        avro.specific(DriftEvent.class, false));
  }
}
