package io.feedbackpulse.ingest;

import java.util.Locale;

/** Which clock gave a feedback item its event time. The codes are stable: scored records and metrics carry them. */
public enum EventTimeSource {
  /** The record's own time field. */
  PAYLOAD,
  /** The Kafka record timestamp: the record has no time field. */
  RECORD_TIMESTAMP,
  /** The Kafka record timestamp: the record's time field was out of range (too far ahead, or too old). */
  RECORD_TIMESTAMP_PAYLOAD_OUT_OF_RANGE,
  /** The service's clock: the record timestamp itself was too far ahead of it. */
  WALL_CLOCK;

  /** The lower-case code, for example {@code record_timestamp_payload_out_of_range}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
