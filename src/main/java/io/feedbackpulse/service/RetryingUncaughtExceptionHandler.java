package io.feedbackpulse.service;

import io.feedbackpulse.streams.TransientFailures;
import java.time.Duration;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream thread that died of a passing condition (schema registry unreachable, a retriable Kafka error) is
 * replaced after a backoff that doubles up to a cap; under exactly-once its open transaction is aborted, so the
 * new thread processes the same records again and none is skipped. Anything else shuts the client down.
 */
final class RetryingUncaughtExceptionHandler implements StreamsUncaughtExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(RetryingUncaughtExceptionHandler.class);

  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private Duration nextBackoff;
  private long lastFailureNanos;

  RetryingUncaughtExceptionHandler(Duration initialBackoff, Duration maxBackoff) {
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.nextBackoff = initialBackoff;
  }

  @Override
  public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
    if (!TransientFailures.isTransient(exception)) {
      log.error("Fatal error in a stream thread; shutting the service down", exception);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    long now = System.nanoTime();
    if (now - lastFailureNanos > maxBackoff.multipliedBy(4).toNanos()) {
      nextBackoff = initialBackoff; // the previous trouble is long over
    }
    lastFailureNanos = now;
    Duration wait = nextBackoff;
    nextBackoff = min(nextBackoff.multipliedBy(2), maxBackoff);
    log.warn("Stream thread failed on a passing condition ({}); replacing it in {} ms, its records will be retried",
        TransientFailures.transientCause(exception).orElseThrow(), wait.toMillis());
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
