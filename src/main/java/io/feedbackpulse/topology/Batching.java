package io.feedbackpulse.topology;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import java.time.Duration;

/**
 * How records are gathered for one model call: a batch goes to the model when it holds
 * {@code maxSize} records or {@code maxTokens} model tokens, or when its oldest record has waited
 * {@code maxWait} (wall clock). The token budget bounds the model work between two commits: under
 * exactly-once that work must end well inside the transaction timeout, or the producer is fenced
 * and the same batch is retried, and fenced again.
 */
public record Batching(int maxSize, Duration maxWait, int maxTokens) {
  public static final int DEFAULT_MAX_TOKENS = 4096;

  public Batching {
    if (maxSize < 1) {
      throw new IllegalArgumentException("batch.max-size must be at least 1, got " + maxSize);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("batch.max-tokens must be at least 1, got " + maxTokens);
    }
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("batch.max-wait must be above zero, got " + maxWait);
    }
  }

  public Batching(int maxSize, Duration maxWait) {
    this(maxSize, maxWait, DEFAULT_MAX_TOKENS);
  }

  /** How often a punctuator looks at what waits: half of {@link #maxWait}, and at least a millisecond. */
  public Duration beat() {
    Duration half = maxWait.dividedBy(2);
    return half.isZero() ? Duration.ofMillis(1) : half;
  }

  public static Batching from(Settings s) {
    try {
      return new Batching(s.integer("batch.max-size"), s.duration("batch.max-wait"), s.integer("batch.max-tokens"));
    } catch (IllegalArgumentException e) {
      throw new SettingsException(e.getMessage());
    }
  }
}
