package io.feedbackpulse.web;

import io.feedbackpulse.drift.LabelWindowAggregate;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One channel's label counts in one window, as the query API shows it, with how many of its items alerted with each
 * complaint reason and how many alerted with any.
 */
record WindowView(String channel, Instant windowStart, Instant windowEnd, long total, long negative, long neutral,
    long positive, Shares shares, double meanConfidence, Map<String, Long> reasons, long alertsWithReasons) {

  record Shares(double negative, double neutral, double positive) {}

  WindowView {
    // an instance of an older version answers without reasons
    reasons = reasons == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(reasons));
  }

  static WindowView of(String channel, Instant start, Instant end, LabelWindowAggregate a) {
    long total = a.total();
    Shares shares = total == 0 ? new Shares(0, 0, 0)
        : new Shares((double) a.negative / total, (double) a.neutral / total, (double) a.positive / total);
    return new WindowView(channel, start, end, total, a.negative, a.neutral, a.positive, shares, a.meanConfidence(),
        a.reasons, a.alertsWithReasons);
  }
}
