package io.feedbackpulse.inference;

import java.util.Locale;
import java.util.Optional;

/** The three labels of the service, with the seed's numeric convention. */
public enum Sentiment {
  NEGATIVE(-1),
  NEUTRAL(0),
  POSITIVE(1);

  private final int value;

  Sentiment(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Index of this label in every probability array of the service: negative, neutral, positive. */
  public int index() {
    return ordinal();
  }

  public static Sentiment ofValue(int value) {
    for (Sentiment s : values()) {
      if (s.value == value) {
        return s;
      }
    }
    throw new IllegalArgumentException("no sentiment with value " + value + " (expected -1, 0 or 1)");
  }

  /**
   * Reads a class name as a model's config may spell it: "negative", "NEG", "Negative sentiment",
   * "LABEL_NEUTRAL", "positive", "POS"... Names that say none of the three give empty.
   */
  public static Optional<Sentiment> fromLabelName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.contains("neg")) {
      return Optional.of(NEGATIVE);
    }
    if (n.contains("neu")) {
      return Optional.of(NEUTRAL);
    }
    if (n.contains("pos")) {
      return Optional.of(POSITIVE);
    }
    return Optional.empty();
  }
}
