package io.feedbackpulse.explain;

import java.util.function.LongSupplier;

/**
 * The model tokens explanations may spend over time, shared by every batch of an instance: a bucket that holds at
 * most {@code explain.max-tokens} and refills at {@code explain.tokens-per-second}. A batch's budget alone would
 * let steady traffic (small batches, each explained in full at several times its scoring) ask more model work of
 * the instance than it has, and its latency would grow; the bucket keeps explaining to a share of the model's
 * time, and an occasional alert still gets a full explanation.
 */
public final class ExplainBudget {
  private final int capacity;
  private final double tokensPerNano;
  private final LongSupplier nanoClock;
  private double available;
  private long refilledAt;

  /**
   * @param capacity the most tokens one batch may spend when the bucket is full ({@code explain.max-tokens})
   * @param tokensPerSecond the refill rate; infinite for no limit over time
   */
  public ExplainBudget(int capacity, double tokensPerSecond, LongSupplier nanoClock) {
    if (!(tokensPerSecond > 0)) {
      throw new IllegalArgumentException("explain.tokens-per-second must be positive, got " + tokensPerSecond);
    }
    this.capacity = capacity;
    this.tokensPerNano = tokensPerSecond / 1e9;
    this.nanoClock = nanoClock;
    this.available = capacity;
    this.refilledAt = nanoClock.getAsLong();
  }

  public static ExplainBudget of(ExplainOptions options) {
    return new ExplainBudget(options.maxTokens(), options.tokensPerSecond(), System::nanoTime);
  }

  /** The tokens a batch may spend now. */
  public synchronized int available() {
    refill();
    return (int) Math.max(0, Math.floor(available));
  }

  /** Takes what a batch's explanations cost. */
  public synchronized void spend(int tokens) {
    refill();
    available -= tokens;
  }

  private void refill() {
    long now = nanoClock.getAsLong();
    if (now > refilledAt) {
      available = Math.min(capacity, available + (now - refilledAt) * tokensPerNano);
      refilledAt = now;
    }
  }
}
