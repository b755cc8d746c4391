package io.feedbackpulse.reasons;

import java.util.Optional;

/**
 * A text to find reasons for, and its most negative sentence where an explanation found one: a long text's
 * complaint often sits in one sentence that the whole text's embedding dilutes.
 */
public record ReasonQuery(String text, Optional<String> negativeSentence) {
  public static ReasonQuery of(String text) {
    return new ReasonQuery(text, Optional.empty());
  }

  /** The sentence, when there is one that is not the whole text. */
  Optional<String> distinctSentence() {
    return negativeSentence.map(String::strip).filter(s -> !s.isEmpty() && !s.equals(text.strip()));
  }
}
