package io.feedbackpulse.drift;

/** Items per label: negative, neutral, positive. Mutable; part of a window aggregate. */
public final class LabelCounts {
  public long negative;
  public long neutral;
  public long positive;

  public LabelCounts() {}

  public LabelCounts(long negative, long neutral, long positive) {
    this.negative = negative;
    this.neutral = neutral;
    this.positive = positive;
  }

  public LabelCounts add(int label) {
    switch (label) {
      case -1 -> negative++;
      case 0 -> neutral++;
      case 1 -> positive++;
      default -> throw new IllegalArgumentException("label must be -1, 0 or 1: " + label);
    }
    return this;
  }

  public LabelCounts plus(LabelCounts other) {
    return new LabelCounts(negative + other.negative, neutral + other.neutral, positive + other.positive);
  }

  public LabelCounts minus(LabelCounts other) {
    return new LabelCounts(negative - other.negative, neutral - other.neutral, positive - other.positive);
  }

  public long total() {
    return negative + neutral + positive;
  }

  public long[] asArray() {
    return new long[] {negative, neutral, positive};
  }

  public double negativeShare() {
    return total() == 0 ? 0 : (double) negative / total();
  }
}
