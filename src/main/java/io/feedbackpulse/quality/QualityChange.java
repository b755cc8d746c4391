package io.feedbackpulse.quality;

/**
 * One change to a model version's quality figures on a channel: an item scored (for the estimate), a
 * labelled item counted, or one taken back because its label or its score was replaced.
 *
 * @param time the labelling time for LABELLED and RETRACTED, the item's event time for SCORED
 * @param truth the true label (-1, 0, 1); unused for SCORED
 * @param probabilities negative, neutral, positive
 */
record QualityChange(Kind kind, String channel, String modelId, String modelVersion, long time, int truth,
    int predicted, double[] probabilities) {

  enum Kind { SCORED, LABELLED, RETRACTED }

  static QualityChange scored(ScoredItem item) {
    return new QualityChange(Kind.SCORED, item.channel(), item.modelId(), item.modelVersion(), item.eventTime(), 0,
        item.label(), item.probabilities());
  }

  static QualityChange labelled(JoinState joined) {
    return counted(Kind.LABELLED, joined);
  }

  static QualityChange retracted(JoinState joined) {
    return counted(Kind.RETRACTED, joined);
  }

  private static QualityChange counted(Kind kind, JoinState j) {
    return new QualityChange(kind, j.item().channel(), j.item().modelId(), j.item().modelVersion(),
        j.label().labeledAt(), j.label().label(), j.item().label(), j.item().probabilities());
  }

  QualityChange forChannel(String channel) {
    return new QualityChange(kind, channel, modelId, modelVersion, time, truth, predicted, probabilities);
  }
}
