package io.feedbackpulse.training;

/** A training run that cannot go on, with the reason a user can act on. */
public final class TrainingException extends RuntimeException {
  public TrainingException(String message) {
    super(message);
  }
}
