package io.feedbackpulse.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drift settings under which a demo with a {@link NegativeShift} shows the shifted channel drifting. Against the
 * training baseline the balanced sample drifts in every window, before the shift as after; against the channel's
 * own earlier windows only the shift does. And at the demo's rate a channel's window holds fewer items than the
 * service's default minimum for a drift event.
 */
public final class ShiftDriftSettings {

  /** Most of the shifted channel's windows hold this share of its expected items (and few of the other channels'). */
  private static final double MIN_ITEMS_OF_EXPECTED = 0.9;

  private ShiftDriftSettings() {
  }

  /** Settings for {@code recordsPerSecond} of sample traffic whose {@code channel} shifts, in {@code window}s. */
  public static Map<String, String> forShift(SampleChannel channel, double recordsPerSecond, Duration window) {
    double expectedItems = recordsPerSecond * SampleTraffic.share(channel) * window.toMillis() / 1000.0;
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("drift.reference", "trailing");
    settings.put("drift.min-items", Long.toString(Math.max(1, (long) (MIN_ITEMS_OF_EXPECTED * expectedItems))));
    return settings;
  }
}
