package io.feedbackpulse.reasons;

/** A reason taxonomy file that cannot be used; the message is one line naming the file and the problem. */
public final class MalformedTaxonomyException extends RuntimeException {
  public MalformedTaxonomyException(String source, String problem) {
    super(source + ": " + problem);
  }

  public MalformedTaxonomyException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
  }
}
