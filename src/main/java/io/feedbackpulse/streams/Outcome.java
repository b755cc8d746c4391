package io.feedbackpulse.streams;

import io.feedbackpulse.avro.DeadLetter;
import java.util.Objects;

/** A stage's result for one record: its value, or the dead letter that says why there is none. */
public record Outcome<T>(T value, DeadLetter deadLetter) {

  public Outcome {
    if ((value == null) == (deadLetter == null)) {
      throw new IllegalArgumentException("an outcome holds a value or a dead letter, not both or neither");
    }
  }

  public static <T> Outcome<T> of(T value) {
    return new Outcome<>(Objects.requireNonNull(value), null);
  }

  public static <T> Outcome<T> failed(DeadLetter deadLetter) {
    return new Outcome<>(null, Objects.requireNonNull(deadLetter));
  }

  public boolean ok() {
    return value != null;
  }
}
