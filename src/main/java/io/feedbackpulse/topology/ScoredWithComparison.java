package io.feedbackpulse.topology;

import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ScoredFeedback;
import java.util.Optional;

/**
 * A scored item as published, with champion against challenger when a challenger scored it too (every item in
 * shadow, or {@code models.shadow.sample} of them; every item with a canary).
 */
public record ScoredWithComparison(ScoredFeedback scored, Optional<ModelComparison> comparison) {

  /** Whether the two models gave the item different labels. */
  public boolean modelsDisagree() {
    return comparison.map(c -> c.getItem().getChampionLabel() != c.getItem().getChallengerLabel()).orElse(false);
  }
}
