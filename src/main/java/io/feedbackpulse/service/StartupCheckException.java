package io.feedbackpulse.service;

/** The cluster or the registry is not set up for the service's settings; the message says what to do, in one line. */
public final class StartupCheckException extends RuntimeException {
  public StartupCheckException(String message) {
    super(message);
  }
}
