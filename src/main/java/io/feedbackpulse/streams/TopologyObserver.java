package io.feedbackpulse.streams;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ModelQuality;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.inference.BatchStage;
import io.feedbackpulse.inference.StageTimings;

/**
 * Sees what the topology produces, as it produces it, for metrics. Called on stream threads, so
 * implementations must be thread-safe and quick; under exactly-once a record of an aborted
 * transaction may be seen again when it is reprocessed.
 */
public interface TopologyObserver extends StageTimings {
  TopologyObserver NONE = new TopologyObserver() {};

  /** How long a stage of scoring took: a record's decoding, or a step of a scoring batch. */
  @Override
  default void batchStage(BatchStage stage, long nanos) {}

  default void scored(ScoredFeedback scored) {}

  default void deadLetter(DeadLetter deadLetter) {}

  /** An exact copy of an item seen within dedupe.window, dropped before scoring. */
  default void duplicate(Feedback duplicate) {}

  default void alert(SupportAlert alert) {}

  default void windowClosed(LabelDistribution window) {}

  default void driftEvent(DriftEvent event) {}

  /** A model version's figures on a channel, as published to model.quality. */
  default void quality(ModelQuality quality) {}

  /** Champion against challenger over a closed window, as published to model.comparison. */
  default void agreementWindow(ModelComparison window) {}
}
