package io.feedbackpulse.drift;

import io.feedbackpulse.config.Settings;
import java.time.Duration;

/**
 * How windows are judged for drift and bias, as the {@code drift.*} and {@code bias.*} settings say; checked when
 * read, before any model or window exists.
 *
 * @param reasonThreshold how far a complaint reason's share of a window's alerts moves to count as drift
 */
public record DriftOptions(DriftThresholds thresholds, ReferenceSelector.Mode reference, Duration trailingSpan,
    BiasBound bias, double reasonThreshold) {

  /** @param testedChannels the service's channels, "all" included: the Bonferroni divisor of the thresholds */
  public static DriftOptions from(Settings s, int testedChannels) {
    return new DriftOptions(DriftThresholds.from(s, testedChannels),
        ReferenceSelector.Mode.parse(s.string("drift.reference")), s.duration("drift.trailing-span"),
        BiasBound.from(s), s.decimal("drift.reason-threshold"));
  }
}
