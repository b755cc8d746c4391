package io.feedbackpulse.training;

import io.feedbackpulse.inference.Sentiment;

/** A text with its true label. */
public record LabeledExample(String text, Sentiment label) {}
