package io.feedbackpulse.ingest;

import java.util.List;
import java.util.Optional;

/** A decoded input record, JSON or Avro, seen as named fields. */
interface ChannelRecord {

  /** The Avro record's full name; empty for JSON, which names no type. */
  Optional<String> recordName();

  /** Whether the record's schema has this field; JSON has no schema, so every field may be there. */
  boolean declares(String field);

  /** The fields that have a non-null value, in the record's order. */
  List<String> presentFields();

  /** The field's value; empty when the field is absent or null. */
  Optional<FieldValue> value(String field);
}
