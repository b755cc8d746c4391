package io.feedbackpulse.drift;

import java.util.Map;
import java.util.TreeMap;

/**
 * Running totals of one channel's scored items in one window: counts per label, and sums of
 * confidence, prediction entropy and token count for the means; label counts per channel and per
 * product category where the samples carry them (the "all" window, for bias). Mutable; a Kafka
 * Streams aggregator adds to it and the store keeps it.
 *
 * <p>Product categories come from producers, so their number and length are bounded: past
 * {@link #MAX_CATEGORIES} distinct ones a window counts the rest under {@link #OTHER_CATEGORIES}, and
 * a name is cut at {@link #MAX_CATEGORY_CHARS}. The aggregate is a changelog entry and its window a
 * {@code sentiment.distribution} record; both must stay under the broker's message size.
 */
public final class LabelWindowAggregate {
  public static final int MAX_CATEGORIES = 200;
  public static final int MAX_CATEGORY_CHARS = 100;
  public static final String OTHER_CATEGORIES = "(other categories)";

  public long negative;
  public long neutral;
  public long positive;
  public double confidenceSum;
  public double entropySum;
  public long tokenSum;
  public Map<String, LabelCounts> byChannel = new TreeMap<>();
  public Map<String, LabelCounts> byCategory = new TreeMap<>();
  /** Items that alerted with each complaint reason; the names come from the deployment's taxonomy, a closed set. */
  public Map<String, Long> reasons = new TreeMap<>();
  /** Items that alerted with at least one reason: what a reason's share is of (0 in windows of older versions). */
  public long alertsWithReasons;

  public LabelWindowAggregate add(LabelSample s) {
    if (!s.reasonsOnly()) {
      addLabel(s);
    }
    if (s.reasons() != null && !s.reasons().isEmpty()) {
      s.reasons().forEach(r -> reasons.merge(r, 1L, Long::sum));
      alertsWithReasons++;
    }
    return this;
  }

  private void addLabel(LabelSample s) {
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
      byCategory.computeIfAbsent(categoryKey(s.productCategory()), c -> new LabelCounts()).add(s.label());
    }
  }

  private String categoryKey(String category) {
    String name = category.length() <= MAX_CATEGORY_CHARS ? category : category.substring(0, MAX_CATEGORY_CHARS);
    return byCategory.containsKey(name) || byCategory.size() < MAX_CATEGORIES ? name : OTHER_CATEGORIES;
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
