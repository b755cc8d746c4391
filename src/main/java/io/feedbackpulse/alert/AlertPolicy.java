package io.feedbackpulse.alert;

import io.feedbackpulse.config.Settings;
import java.time.Duration;

/**
 * When a negative item becomes a support alert, and how urgent it is.
 *
 * @param negativeThreshold least negative probability for an alert
 * @param highThreshold negative probability at which an alert is HIGH
 * @param mediumThreshold negative probability at which an alert is MEDIUM
 * @param multiChannelSpan how far back other contacts of the same customer count
 * @param multiChannelMin channels within the span (this one included) that make an alert HIGH
 * @param excerptChars longest excerpt
 */
public record AlertPolicy(double negativeThreshold, double highThreshold, double mediumThreshold,
    Duration multiChannelSpan, int multiChannelMin, int excerptChars) {

  public static AlertPolicy from(Settings s) {
    return new AlertPolicy(s.decimal("alerts.negative-threshold"), s.decimal("alerts.high-priority-threshold"),
        s.decimal("alerts.medium-priority-threshold"), s.duration("alerts.multi-channel-span"),
        s.integer("alerts.multi-channel-min"), s.integer("alerts.excerpt-chars"));
  }
}
