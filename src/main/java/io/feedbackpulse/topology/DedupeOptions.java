package io.feedbackpulse.topology;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import io.feedbackpulse.streams.TopicNames;
import java.time.Duration;

/**
 * The {@code dedupe.*} settings.
 *
 * @param window how long (stream time) a feedback id's last sighting is remembered to drop copies
 * @param inPlace {@code dedupe.in-place}: items already on the partition their source id belongs to skip the
 *     by-feedback-id topic ({@link IdPartition})
 * @param partitions the by-feedback-id topic's partitions with {@code inPlace} ({@code topics.partitions})
 */
public record DedupeOptions(Duration window, boolean inPlace, int partitions) {

  public static DedupeOptions from(Settings s) {
    Duration window = s.duration("dedupe.window");
    if (window.isNegative() || window.isZero()) {
      throw new SettingsException("dedupe.window must be positive, got " + window);
    }
    int partitions = TopicNames.partitions(s);
    return new DedupeOptions(window, s.bool("dedupe.in-place"), partitions);
  }
}
