package io.feedbackpulse.models;

/** A registered model version that could not be fetched or whose copy is not the registered model; one line. */
public final class ModelFetchException extends RuntimeException {
  public ModelFetchException(String message) {
    super(message);
  }

  public ModelFetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
