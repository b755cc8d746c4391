package io.feedbackpulse.registry;

/**
 * The schema registry could not answer (connection refused, timeout, HTTP 408/429/5xx). Not a property of
 * the record being processed: the caller must retry it rather than skip it.
 */
public final class RegistryUnavailableException extends RuntimeException {

  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public RegistryUnavailableException(String message) {
    super(message);
  }
}
