package io.feedbackpulse.drift;

import io.feedbackpulse.config.Settings;

/**
 * When a closed window counts as drifted.
 *
 * @param minItems least items in a window for any drift event
 * @param jensenShannonDistance label shares drifted above this distance (base 2, 0..1)
 * @param chiSquareAlpha family-wise significance of the chi-square test, shared by the tested channels
 * @param testedChannels how many channels are tested per window ("all" included): the Bonferroni divisor
 * @param psi label shares drifted above this population stability index
 * @param confidence mean confidence or mean entropy (bits) moved further than this from the reference
 */
public record DriftThresholds(long minItems, double jensenShannonDistance, double chiSquareAlpha,
    int testedChannels, double psi, double confidence) {

  public DriftThresholds {
    if (testedChannels < 1) {
      throw new IllegalArgumentException("at least one channel is tested, got " + testedChannels);
    }
  }

  public static DriftThresholds from(Settings s, int testedChannels) {
    return new DriftThresholds(s.integer("drift.min-items"), s.decimal("drift.js-threshold"),
        s.decimal("drift.chi-square-alpha"), testedChannels, s.decimal("drift.psi-threshold"),
        s.decimal("drift.confidence-threshold"));
  }

  /** The Bonferroni-corrected significance one channel's chi-square p-value must fall below. */
  public double chiSquarePValue() {
    return chiSquareAlpha / testedChannels;
  }
}
