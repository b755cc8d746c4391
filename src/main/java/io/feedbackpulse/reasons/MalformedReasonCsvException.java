package io.feedbackpulse.reasons;

/** A CSV of texts and reasons that cannot be read; the message is one line naming the file and the line. */
public final class MalformedReasonCsvException extends RuntimeException {
  public MalformedReasonCsvException(String file, long line, String problem, Throwable cause) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
  }
}
