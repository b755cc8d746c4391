package io.feedbackpulse.models;

/** The registry topic could not be read or written (missing, or the cluster did not answer in time); one line. */
public final class ModelRegistryException extends RuntimeException {
  public ModelRegistryException(String message) {
    super(message);
  }
}
