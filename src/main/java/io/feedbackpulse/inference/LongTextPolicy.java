package io.feedbackpulse.inference;

/**
 * What to do with a text longer than the model's window.
 *
 * @param chunked score overlapping windows and combine them; when false, score the first window only
 * @param overlapTokens body tokens that consecutive windows share
 */
public record LongTextPolicy(boolean chunked, int overlapTokens) {

  public static final LongTextPolicy DEFAULT = new LongTextPolicy(true, 32);

  public LongTextPolicy {
    if (overlapTokens < 0) {
      throw new IllegalArgumentException("overlap must not be negative: " + overlapTokens);
    }
  }
}
