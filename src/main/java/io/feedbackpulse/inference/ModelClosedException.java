package io.feedbackpulse.inference;

/**
 * A call reached a model that was already closed. Not a failure of the input: whoever called must stop (a
 * stream task fails, so its records are processed again once a model is loaded), never record the item as
 * failed.
 */
public final class ModelClosedException extends IllegalStateException {
  public ModelClosedException(String message) {
    super(message);
  }
}
