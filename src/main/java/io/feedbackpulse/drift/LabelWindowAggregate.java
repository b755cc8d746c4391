package io.feedbackpulse.drift;

import java.util.Map;
import java.util.TreeMap;

/**
 * Running totals of one channel's scored items in one window: counts per label, and sums of
 * confidence, prediction entropy and token count for the means; label counts per channel and per
 * product category where the samples carry them (the "all" window, for bias). Mutable; a Kafka
 * Streams aggregator adds to it and the store keeps it.
 */
public final class LabelWindowAggregate {
  public long negative;
  public long neutral;
  public long positive;
  public double confidenceSum;
  public double entropySum;
  public long tokenSum;
  public Map<String, LabelCounts> byChannel = new TreeMap<>();
  public Map<String, LabelCounts> byCategory = new TreeMap<>();

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
    if (s.channel() != null) {
      byChannel.computeIfAbsent(s.channel(), c -> new LabelCounts()).add(s.label());
    }
    if (s.productCategory() != null) {
      byCategory.computeIfAbsent(s.productCategory(), c -> new LabelCounts()).add(s.label());
    }
    return this;
  }

  public long total() {
    return negative + neutral + positive;
  }

  public LabelCounts labelCounts() {
    return new LabelCounts(negative, neutral, positive);
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
