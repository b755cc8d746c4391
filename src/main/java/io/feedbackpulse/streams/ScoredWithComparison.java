package io.feedbackpulse.streams;

import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ScoredFeedback;
import java.util.Optional;

/**
 * A scored item as published, with champion against challenger when a challenger scored it too (in shadow every
 * item, or {@code models.shadow.sample} of them; with a canary, the items of its share, which it serves).
 */
public record ScoredWithComparison(ScoredFeedback scored, Optional<ModelComparison> comparison) {

  /** Whether the two models gave the item different labels. */
  public boolean modelsDisagree() {
    return comparison.map(c -> c.getItem().getChampionLabel() != c.getItem().getChallengerLabel()).orElse(false);
  }
}
