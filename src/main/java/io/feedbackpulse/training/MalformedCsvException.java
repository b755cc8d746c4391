package io.feedbackpulse.training;

/** A labeled CSV that cannot be read as one: the message names the file, the line its row starts on, and why. */
public final class MalformedCsvException extends RuntimeException {
  public MalformedCsvException(String file, long line, String problem, Throwable cause) {
    super(file + ", line " + line + ": " + problem, cause);
  }
}
