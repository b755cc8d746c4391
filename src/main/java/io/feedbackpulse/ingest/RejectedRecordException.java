package io.feedbackpulse.ingest;

/** Thrown by the ingest steps when a record cannot become a Feedback; {@link FeedbackIngestor} turns it into a result. */
public final class RejectedRecordException extends RuntimeException {

  private final RejectReason reason;

  public RejectedRecordException(RejectReason reason, String detail) {
    super(detail, null, false, false); // a verdict on data, not a failure: no stack trace needed
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }
}
