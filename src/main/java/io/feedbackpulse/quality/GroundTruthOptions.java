package io.feedbackpulse.quality;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import io.feedbackpulse.streams.TopicNames;
import java.time.Duration;

/**
 * How the ground-truth stages behave ({@code labels.*}, {@code quality.*}, {@code review.*}).
 *
 * @param partitions the partitions of the internal topics that bring items and labels together: both must have
 *     the same count for an item and its label to meet in one task
 */
public record GroundTruthOptions(boolean labelsFromRatings, Duration labelDelay, Duration window, Duration retention,
    double maxDrop, long minLabelled, double reviewMaxConfidence, boolean reviewDisagreements, int reviewMaxPerMinute,
    int partitions) {

  public static GroundTruthOptions from(Settings s) {
    Duration delay = positive(s, "quality.label-delay");
    Duration window = positive(s, "quality.window");
    Duration retention = positive(s, "quality.retention");
    if (retention.compareTo(window) < 0) {
      throw new SettingsException("quality.retention (" + retention + ") must be at least quality.window (" + window + ")");
    }
    double maxConfidence = s.decimal("review.max-confidence");
    if (!(maxConfidence >= 0 && maxConfidence <= 1)) {
      throw new SettingsException("review.max-confidence must be in [0, 1], got " + maxConfidence);
    }
    if (s.integer("review.max-per-minute") < 0 || s.integer("quality.min-labelled") < 1) {
      throw new SettingsException("review.max-per-minute must be >= 0 and quality.min-labelled >= 1");
    }
    int partitions = TopicNames.partitions(s);
    return new GroundTruthOptions(s.bool("labels.from-ratings"), delay, window, retention, s.decimal("quality.max-drop"),
        s.integer("quality.min-labelled"), maxConfidence, s.bool("review.disagreements"),
        s.integer("review.max-per-minute"), partitions);
  }

  private static Duration positive(Settings s, String key) {
    Duration d = s.duration(key);
    if (d.isNegative() || d.isZero()) {
      throw new SettingsException(key + " must be positive, got " + d);
    }
    return d;
  }
}
