package io.feedbackpulse.reasons;

/** A text and the reason a person gave it. */
public record LabeledReason(String text, String reason) {}
