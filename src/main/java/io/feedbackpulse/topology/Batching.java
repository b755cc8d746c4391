package io.feedbackpulse.topology;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import java.time.Duration;

/**
 * How records are gathered for one model call: a batch goes to the model when it holds
 * {@code maxSize} records, or when its oldest record has waited {@code maxWait} (wall clock).
 */
public record Batching(int maxSize, Duration maxWait) {

  public Batching {
    if (maxSize < 1) {
      throw new IllegalArgumentException("batch.max-size must be at least 1, got " + maxSize);
    }
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("batch.max-wait must be above zero, got " + maxWait);
    }
  }

  public static Batching from(Settings s) {
    try {
      return new Batching(s.integer("batch.max-size"), s.duration("batch.max-wait"));
    } catch (IllegalArgumentException e) {
      throw new SettingsException(e.getMessage());
    }
  }
}
