package io.feedbackpulse.ingest;

import java.time.Instant;

/** The value of one present field of a channel record, JSON or Avro, by kind. */
sealed interface FieldValue {

  /** The value as an attribute string. */
  String render();

  /** The kind, for messages such as "text is a number". */
  String kind();

  record Text(String value) implements FieldValue {
    public String render() {
      return value;
    }

    public String kind() {
      return "a string";
    }
  }

  record WholeNumber(long value) implements FieldValue {
    public String render() {
      return Long.toString(value);
    }

    public String kind() {
      return "a whole number";
    }
  }

  /** A number with a fraction, or one too large for a long; kept as written. */
  record OtherNumber(String text) implements FieldValue {
    public String render() {
      return text;
    }

    public String kind() {
      return "a number";
    }
  }

  record Bool(boolean value) implements FieldValue {
    public String render() {
      return Boolean.toString(value);
    }

    public String kind() {
      return "a boolean";
    }
  }

  /** An Avro timestamp. */
  record Timestamp(Instant value) implements FieldValue {
    public String render() {
      return value.toString();
    }

    public String kind() {
      return "a timestamp";
    }
  }

  /** An object, array, map, nested record or bytes, rendered as JSON-like text. */
  record Structure(String rendered, String kind) implements FieldValue {
    public String render() {
      return rendered;
    }
  }
}
