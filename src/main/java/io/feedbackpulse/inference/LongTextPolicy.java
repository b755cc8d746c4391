package io.feedbackpulse.inference;

/**
 * What to do with a text longer than the model's window.
 *
 * @param chunked score overlapping windows and combine them; when false, score the first window only
 * @param overlapTokens body tokens that consecutive windows share
 * @param maxWindows the most windows one text is scored over; a longer text is scored over its first
 *     windows and its result says it was truncated. This bounds the model work one record can cause.
 */
public record LongTextPolicy(boolean chunked, int overlapTokens, int maxWindows) {
  public static final int DEFAULT_MAX_WINDOWS = 16;
  public static final LongTextPolicy DEFAULT = new LongTextPolicy(true, 32, DEFAULT_MAX_WINDOWS);

  public LongTextPolicy {
    if (overlapTokens < 0) {
      throw new IllegalArgumentException("overlap must not be negative: " + overlapTokens);
    }
    if (maxWindows < 1) {
      throw new IllegalArgumentException("model.max-windows must be at least 1, got " + maxWindows);
    }
  }

  public LongTextPolicy(boolean chunked, int overlapTokens) {
    this(chunked, overlapTokens, DEFAULT_MAX_WINDOWS);
  }
}
