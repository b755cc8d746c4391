package io.feedbackpulse.training;

import io.feedbackpulse.inference.Sentiment;

/**
 * A text with its true label, the data set it came from and the kind of text it is (tweet,
 * product-review, ...). Splits are drawn per source; reports break figures down by both.
 */
public record LabeledExample(String text, Sentiment label, String source, String domain) {
  public LabeledExample(String text, Sentiment label) {
    this(text, label, "", "");
  }
}
