package io.feedbackpulse.drift;

/**
 * Running totals of one channel's scored items in one window: counts per label, and sums of
 * confidence, prediction entropy and token count for the means. Mutable; a Kafka Streams
 * aggregator adds to it and the store keeps it.
 */
public final class LabelWindowAggregate {
  public long negative;
  public long neutral;
  public long positive;
  public double confidenceSum;
  public double entropySum;
  public long tokenSum;

  public LabelWindowAggregate add(LabelSample s) {
    switch (s.label()) {
      case -1 -> negative++;
      case 0 -> neutral++;
      case 1 -> positive++;
      default -> throw new IllegalArgumentException("label must be -1, 0 or 1: " + s.label());
    }
    confidenceSum += s.confidence();
    entropySum += s.entropyBits();
    tokenSum += s.tokenCount();
    return this;
  }

  public long total() {
    return negative + neutral + positive;
  }

  public long[] counts() {
    return new long[] {negative, neutral, positive};
  }

  public double meanConfidence() {
    return total() == 0 ? 0 : confidenceSum / total();
  }

  public double meanEntropy() {
    return total() == 0 ? 0 : entropySum / total();
  }

  public double meanTokenCount() {
    return total() == 0 ? 0 : (double) tokenSum / total();
  }
}
