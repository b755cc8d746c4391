package io.feedbackpulse.ingest;

import java.util.Locale;

/** Why an input record cannot become a Feedback. The codes are stable: dead letters and metrics carry them. */
public enum RejectReason {
  /** The record has no value (a tombstone). */
  NULL_VALUE,
  /** Neither Confluent-framed Avro (magic byte 0) nor JSON. */
  UNKNOWN_FORMAT,
  /** JSON whose bytes are not valid UTF-8. */
  INVALID_UTF8,
  /** Not well-formed JSON, or JSON that is not an object. */
  INVALID_JSON,
  /** Framed Avro whose bytes do not decode with the schema of its id: truncated or garbled. */
  INVALID_AVRO,
  /** Framed Avro whose schema id the registry does not know. */
  UNKNOWN_SCHEMA_ID,
  /** Framed Avro of another record type than the channel's. */
  WRONG_SCHEMA,
  /** A required field (source id, text) is absent or null. */
  MISSING_FIELD,
  /** A field has a value of the wrong type, for example a text that is a number. */
  WRONG_FIELD_TYPE,
  /** The text is empty after normalization. */
  EMPTY_TEXT,
  /** The text is longer than the maximum after normalization. */
  TEXT_TOO_LONG,
  /** Key, value and headers together are larger than the input limit (input.max-bytes). */
  RECORD_TOO_LARGE,
  /** No channel reads the record's topic. */
  UNKNOWN_TOPIC,
  /** A ground-truth label that is not -1, 0 or 1. */
  INVALID_LABEL,
  /** A ground-truth label whose id is not a canonical id of a known channel, or not its record key. */
  INVALID_LABEL_ID;

  /** The lower-case code, for example {@code invalid_json}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
