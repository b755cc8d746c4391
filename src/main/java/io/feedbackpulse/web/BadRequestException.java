package io.feedbackpulse.web;

/** A request the server cannot answer as asked: answered with 400 and the message. */
final class BadRequestException extends RuntimeException {
  BadRequestException(String message) {
    super(message);
  }
}
