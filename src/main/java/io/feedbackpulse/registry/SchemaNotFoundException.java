package io.feedbackpulse.registry;

/** The registry answered 404 with a Confluent not-found code: no such schema id, subject or version. */
public final class SchemaNotFoundException extends RuntimeException {

  private final int errorCode;

  public SchemaNotFoundException(String message, int errorCode) {
    super(message);
    this.errorCode = errorCode;
  }

  /** Confluent's error code: 40401 subject, 40402 version, 40403 schema not found. */
  public int errorCode() {
    return errorCode;
  }
}
