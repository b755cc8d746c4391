package io.feedbackpulse.quality;

/** What reaches the ground-truth join for one feedback id: a scored item or a label, never both. */
record GroundTruthEvent(ScoredItem item, TrueLabel label) {

  static GroundTruthEvent scored(ScoredItem item) {
    return new GroundTruthEvent(item, null);
  }

  static GroundTruthEvent labelled(TrueLabel label) {
    return new GroundTruthEvent(null, label);
  }
}
