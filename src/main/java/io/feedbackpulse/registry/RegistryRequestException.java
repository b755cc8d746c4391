package io.feedbackpulse.registry;

/**
 * The registry refused a request for a reason that retrying will not fix and that is not a missing schema:
 * bad credentials (401/403), an invalid or incompatible schema (409/422), a malformed request.
 */
public final class RegistryRequestException extends RuntimeException {

  private final int status;

  public RegistryRequestException(String message, int status) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
