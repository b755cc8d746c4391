package io.feedbackpulse.streams;

import org.apache.kafka.common.errors.SerializationException;

/** An output value serialized larger than {@code output.max-bytes}: written, the broker would refuse it. */
public final class OutputTooLargeException extends SerializationException {
  public OutputTooLargeException(String topic, int bytes, int maxBytes) {
    super("a record for " + topic + " serializes to " + bytes + " bytes, more than output.max-bytes (" + maxBytes + ")");
  }
}
