package io.feedbackpulse.drift;

import io.feedbackpulse.config.SettingsException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses the reference of a closed window. Label shares: the baseline of the model serving when the window
 * closes (it can change with the registry), or with
 * {@link Mode#TRAILING} the channel's trailing windows once they hold at least {@code minItems}
 * items (until then the baseline). Mean confidence and entropy the same way, from the baseline's
 * confidence where it has one; a baseline without one leaves the trailing windows, once they hold
 * {@code minItems} items, as the only confidence reference in either mode. Reason shares only from the trailing
 * windows (a baseline has none), in either mode, once they hold {@code minItems} alerts with reasons.
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
  private final Supplier<BaselineReference> baseline;
  private final Duration span;
  private final long minItems;

  /** @param baseline the serving model's baseline, asked again for each window */
  public ReferenceSelector(Mode mode, Supplier<BaselineReference> baseline, Duration span, long minItems) {
    this.mode = mode;
    this.baseline = baseline;
    this.span = span;
    this.minItems = minItems;
  }

  public ReferenceSelector(Mode mode, ReferenceDistribution baseline, Optional<ConfidenceReference> baselineConfidence,
      Duration span, long minItems) {
    this(mode, () -> new BaselineReference(baseline, baselineConfidence), span, minItems);
  }

  public DriftReference select(TrailingReference history, long windowStart) {
    LabelWindowAggregate trailing = history.pooledBefore(windowStart, span);
    boolean enough = trailing.total() > 0 && trailing.total() >= minItems;
    BaselineReference serving = baseline.get();
    ReferenceDistribution labels = mode == Mode.TRAILING && enough
        ? new ReferenceDistribution(trailingName(), DistributionStatistics.shares(trailing.counts()))
        : serving.labels();
    Optional<ConfidenceReference> trailingConfidence = enough
        ? Optional.of(new ConfidenceReference(trailingName(), trailing.meanConfidence(), trailing.meanEntropy()))
        : Optional.empty();
    Optional<ConfidenceReference> confidence = mode == Mode.TRAILING
        ? trailingConfidence.or(serving::confidence)
        : serving.confidence().or(() -> trailingConfidence);
    Optional<ReasonReference> reasons = trailing.alertsWithReasons > 0 && trailing.alertsWithReasons >= minItems
        ? Optional.of(new ReasonReference(trailingName(), trailing.reasons, trailing.alertsWithReasons))
        : Optional.empty();
    return new DriftReference(labels, confidence, reasons);
  }

  public Duration span() {
    return span;
  }

  private String trailingName() {
    return "trailing:" + span;
  }
}
