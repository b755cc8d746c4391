package io.feedbackpulse.models;

/** The registry topic could not be read or written: missing, or the cluster did not answer in time; one line. */
public final class ModelRegistryException extends RuntimeException {
  private final boolean unreachable;

  private ModelRegistryException(String message, boolean unreachable) {
    super(message);
    this.unreachable = unreachable;
  }

  public static ModelRegistryException missing(String message) {
    return new ModelRegistryException(message, false);
  }

  public static ModelRegistryException unreachable(String message) {
    return new ModelRegistryException(message, true);
  }

  /** The cluster did not answer in time, rather than answering that something is not there. */
  public boolean unreachable() {
    return unreachable;
  }
}
