package io.feedbackpulse.web;

import io.feedbackpulse.drift.LabelWindowAggregate;
import java.time.Instant;

/** One channel's label counts in one window, as the query API shows it. */
record WindowView(String channel, Instant windowStart, Instant windowEnd, long total, long negative, long neutral,
    long positive, Shares shares, double meanConfidence) {

  record Shares(double negative, double neutral, double positive) {}

  static WindowView of(String channel, Instant start, Instant end, LabelWindowAggregate a) {
    long total = a.total();
    Shares shares = total == 0 ? new Shares(0, 0, 0)
        : new Shares((double) a.negative / total, (double) a.neutral / total, (double) a.positive / total);
    return new WindowView(channel, start, end, total, a.negative, a.neutral, a.positive, shares, a.meanConfidence());
  }
}
