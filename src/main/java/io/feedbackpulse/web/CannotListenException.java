package io.feedbackpulse.web;

/** The HTTP server cannot bind its address: the port is taken by another process, or not this user's to take. */
public final class CannotListenException extends RuntimeException {
  public CannotListenException(String host, int port, Exception cause) {
    super("cannot listen on " + host + ":" + port + ": " + cause.getMessage()
        + " (set http.port to a free port, or 0 for any, and http.host)", cause);
  }
}
