package io.feedbackpulse.inference;

/** The model failed on an input it was given (not a broken model: that fails at load). */
public class InferenceException extends RuntimeException {
  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
