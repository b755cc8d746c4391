package io.feedbackpulse.drift;

import java.util.Map;

/**
 * What the trailing reference keeps of one closed window of one channel (times in epoch millis).
 *
 * @param reasons items that alerted with each complaint reason (empty in what an older version stored)
 * @param alertsWithReasons items that alerted with at least one reason
 */
public record TrailingWindow(long start, long end, long negative, long neutral, long positive,
    double confidenceSum, double entropySum, Map<String, Long> reasons, long alertsWithReasons) {

  public TrailingWindow {
    reasons = reasons == null ? Map.of() : Map.copyOf(reasons);
  }

  public static TrailingWindow of(long start, long end, LabelWindowAggregate a) {
    return new TrailingWindow(start, end, a.negative, a.neutral, a.positive, a.confidenceSum, a.entropySum,
        a.reasons, a.alertsWithReasons);
  }

  public long total() {
    return negative + neutral + positive;
  }
}
