package io.feedbackpulse.explain;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;

/**
 * How much explaining is done.
 *
 * @param maxTokens model tokens the explanations of one batch may cost (the unit of {@code batch.max-tokens});
 *     0 explains nothing
 * @param maxWords the most words a text may have for leave-one-word-out occlusion
 * @param topSentences sentences an explanation carries
 * @param topWords words an explanation carries
 * @param tokensPerSecond model tokens per second explanations may spend over time, at most {@code maxTokens} at
 *     once (see {@link ExplainBudget})
 */
public record ExplainOptions(int maxTokens, int maxWords, int topSentences, int topWords, double tokensPerSecond) {
  /** For one text on demand ({@code score --explain}): no budget. */
  public static final ExplainOptions UNBOUNDED = new ExplainOptions(Integer.MAX_VALUE, 40, 3, 5);

  public ExplainOptions {
    if (maxTokens < 0 || maxWords < 0 || topSentences < 1 || topWords < 0 || !(tokensPerSecond > 0)) {
      throw new IllegalArgumentException("explain.max-tokens and explain.max-words must not be negative, "
          + "explain.top-sentences must be at least 1 and explain.tokens-per-second positive, got " + maxTokens
          + ", " + maxWords + ", " + topSentences + ", " + tokensPerSecond);
    }
  }

  /** No limit over time: each batch's own budget only. */
  public ExplainOptions(int maxTokens, int maxWords, int topSentences, int topWords) {
    this(maxTokens, maxWords, topSentences, topWords, Double.POSITIVE_INFINITY);
  }

  public boolean enabled() {
    return maxTokens > 0;
  }

  public static ExplainOptions from(Settings s) {
    try {
      return new ExplainOptions(s.integer("explain.max-tokens"), s.integer("explain.max-words"),
          s.integer("explain.top-sentences"), s.integer("explain.top-words"),
          s.decimal("explain.tokens-per-second"));
    } catch (IllegalArgumentException e) {
      throw new SettingsException(e.getMessage());
    }
  }
}
