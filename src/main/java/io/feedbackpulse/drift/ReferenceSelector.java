package io.feedbackpulse.drift;

import io.feedbackpulse.config.SettingsException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the reference of a closed window. Label shares: the model's baseline, or with
 * {@link Mode#TRAILING} the channel's trailing windows once they hold at least {@code minItems}
 * items (until then the baseline). Mean confidence and entropy: the baseline carries none, so they
 * are compared with the trailing windows once those hold {@code minItems} items, in either mode;
 * before that there is no confidence reference.
 */
public final class ReferenceSelector {
  /** Which label reference the settings ask for. */
  public enum Mode {
    BASELINE, TRAILING;

    public static Mode parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new SettingsException("drift.reference must be baseline or trailing, got '" + value + "'");
      }
    }
  }

  private final Mode mode;
  private final ReferenceDistribution baseline;
  private final Duration span;
  private final long minItems;

  public ReferenceSelector(Mode mode, ReferenceDistribution baseline, Duration span, long minItems) {
    this.mode = mode;
    this.baseline = baseline;
    this.span = span;
    this.minItems = minItems;
  }

  public DriftReference select(TrailingReference history, long windowStart) {
    LabelWindowAggregate trailing = history.pooledBefore(windowStart, span);
    boolean enough = trailing.total() > 0 && trailing.total() >= minItems;
    ReferenceDistribution labels = mode == Mode.TRAILING && enough
        ? new ReferenceDistribution(trailingName(), DistributionStatistics.shares(trailing.counts()))
        : baseline;
    Optional<ConfidenceReference> confidence = enough
        ? Optional.of(new ConfidenceReference(trailingName(), trailing.meanConfidence(), trailing.meanEntropy()))
        : Optional.empty();
    return new DriftReference(labels, confidence);
  }

  public Duration span() {
    return span;
  }

  private String trailingName() {
    return "trailing:" + span;
  }
}
