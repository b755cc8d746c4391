package io.feedbackpulse.topology;

import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.streams.Outcome;
import java.util.Optional;

/** One item out of the batch step: its outcome, and champion against challenger when both scored it. */
record ScoringResult(Outcome<ScoredFeedback> outcome, Optional<ModelComparison> comparison) {
  static ScoringResult of(Outcome<ScoredFeedback> outcome) {
    return new ScoringResult(outcome, Optional.empty());
  }
}
