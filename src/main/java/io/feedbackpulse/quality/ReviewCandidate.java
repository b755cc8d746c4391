package io.feedbackpulse.quality;

import io.feedbackpulse.avro.ItemComparison;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ModelInfo;
import io.feedbackpulse.streams.ScoredWithComparison;
import java.util.Optional;

/**
 * An item on its way to the review queue and why: its scored fields (flat, as {@link ScoredItem} has them, so the
 * internal topic reads the same shape either way), the reason, and for a disagreement the label of the model that
 * was not served.
 *
 * @param reason {@link #MODEL_DISAGREEMENT} or {@link #LOW_CONFIDENCE}; null reads as low confidence
 * @param secondOpinion the model not served and its label, for a disagreement; null otherwise
 */
record ReviewCandidate(String id, String channel, String text, int label, double[] probabilities, String modelId,
    String modelVersion, long eventTime, String reason, SecondOpinion secondOpinion) {
  static final String LOW_CONFIDENCE = "low_confidence";
  static final String MODEL_DISAGREEMENT = "model_disagreement";

  /** @param probabilities negative, neutral, positive */
  record SecondOpinion(String modelId, String modelVersion, int label, double[] probabilities) {
  }

  /**
   * Champion and challenger disagreeing is the first reason (when {@code disagreements} is on): a person's label
   * settles which was right; otherwise a top probability below {@code maxConfidence}.
   */
  static Optional<ReviewCandidate> of(ScoredWithComparison s, boolean disagreements, double maxConfidence) {
    ScoredItem item = ScoredItem.of(s.scored());
    if (disagreements && s.modelsDisagree()) {
      return Optional.of(of(item, MODEL_DISAGREEMENT, secondOpinion(s.comparison().orElseThrow())));
    }
    if (s.scored().getConfidence() < maxConfidence) {
      return Optional.of(of(item, LOW_CONFIDENCE, null));
    }
    return Optional.empty();
  }

  private static ReviewCandidate of(ScoredItem i, String reason, SecondOpinion second) {
    return new ReviewCandidate(i.id(), i.channel(), i.text(), i.label(), i.probabilities(), i.modelId(),
        i.modelVersion(), i.eventTime(), reason, second);
  }

  private static SecondOpinion secondOpinion(ModelComparison c) {
    ItemComparison item = c.getItem();
    boolean championServed = "champion".equals(item.getServed());
    ModelInfo other = championServed ? c.getChallenger() : c.getChampion();
    return new SecondOpinion(other.getId(), other.getVersion(),
        championServed ? item.getChallengerLabel() : item.getChampionLabel(),
        ProbabilityArrays.of(championServed ? item.getChallengerProbabilities() : item.getChampionProbabilities()));
  }

  String reasonOrDefault() {
    return reason == null ? LOW_CONFIDENCE : reason;
  }
}
