package io.feedbackpulse.config;

/** A setting that is missing, unknown or malformed; the message says which and why. */
public class SettingsException extends RuntimeException {
  public SettingsException(String message) {
    super(message);
  }
}
