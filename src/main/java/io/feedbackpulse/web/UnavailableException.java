package io.feedbackpulse.web;

/** The answer is not available now (state stores rebalancing, an instance unreachable): 503 and the message. */
final class UnavailableException extends RuntimeException {
  UnavailableException(String message) {
    super(message);
  }
}
