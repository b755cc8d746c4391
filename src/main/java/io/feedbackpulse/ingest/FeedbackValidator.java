package io.feedbackpulse.ingest;

import io.feedbackpulse.avro.Feedback;

/** Checks a normalized Feedback before it is scored. */
public final class FeedbackValidator {

  public static final int DEFAULT_MAX_TEXT_LENGTH = 10_000;

  private final int maxTextLength;

  /** @param maxTextLength the most characters (Unicode code points) the normalized text may have */
  public FeedbackValidator(int maxTextLength) {
    if (maxTextLength < 1) {
      throw new IllegalArgumentException("maxTextLength must be positive, got " + maxTextLength);
    }
    this.maxTextLength = maxTextLength;
  }

  /** @throws RejectedRecordException with missing_field, empty_text or text_too_long */
  public void validate(Feedback feedback) {
    if (feedback.getSourceId().isBlank()) {
      throw new RejectedRecordException(RejectReason.MISSING_FIELD, "the source id is empty");
    }
    String text = feedback.getText();
    if (text.isEmpty()) {
      throw new RejectedRecordException(RejectReason.EMPTY_TEXT, "the text is empty after normalization (it had "
          + feedback.getOriginalText().length() + " characters before)");
    }
    int length = text.codePointCount(0, text.length());
    if (length > maxTextLength) {
      throw new RejectedRecordException(RejectReason.TEXT_TOO_LONG, "the text has " + length
          + " characters after normalization, the maximum is " + maxTextLength);
    }
  }
}
