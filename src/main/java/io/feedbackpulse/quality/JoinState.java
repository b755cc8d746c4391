package io.feedbackpulse.quality;

/** The ground-truth store's entry for one feedback id: its scored item and its newest label, each possibly absent. */
record JoinState(ScoredItem item, TrueLabel label) {

  boolean joined() {
    return item != null && label != null;
  }
}
