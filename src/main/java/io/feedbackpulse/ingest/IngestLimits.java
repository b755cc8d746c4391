package io.feedbackpulse.ingest;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Bounds on what one input record may bring in: its size, and the event time it may claim.
 *
 * @param maxRecordBytes the most bytes of key, value and headers together; larger records are
 *     {@code record_too_large}, since what the service writes about a record (its scored result, the
 *     entry waiting for the model, a dead letter) grows with it and must stay under the broker's
 *     message size limit (about 1 MiB by default)
 */
public record IngestLimits(int maxRecordBytes, EventTimePolicy eventTimes) {
  public static final int DEFAULT_MAX_RECORD_BYTES = 256 * 1024;
  public static final IngestLimits DEFAULT = new IngestLimits(DEFAULT_MAX_RECORD_BYTES, EventTimePolicy.DEFAULT);

  /** The limits {@code input.max-bytes}, {@code time.max-future-skew} and {@code time.min-event-time} set. */
  public static IngestLimits from(Settings s) {
    Instant minEventTime;
    try {
      minEventTime = Instant.parse(s.string("time.min-event-time"));
    } catch (DateTimeParseException e) {
      throw new SettingsException("time.min-event-time must be an ISO-8601 instant such as 2000-01-01T00:00:00Z, got '"
          + s.string("time.min-event-time") + "'");
    }
    try {
      return new IngestLimits(s.integer("input.max-bytes"),
          new EventTimePolicy(s.duration("time.max-future-skew"), minEventTime));
    } catch (IllegalArgumentException e) {
      throw new SettingsException(e.getMessage());
    }
  }

  public IngestLimits {
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException("input.max-bytes must be positive, got " + maxRecordBytes);
    }
  }
}
