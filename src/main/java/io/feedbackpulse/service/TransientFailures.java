package io.feedbackpulse.service;

import io.feedbackpulse.registry.RegistryUnavailableException;
import java.util.Optional;
import org.apache.kafka.common.errors.RetriableException;

/** Failures of the surroundings that pass (registry unreachable, retriable Kafka errors), not of a record. */
public final class TransientFailures {
  private TransientFailures() {}

  public static boolean isTransient(Throwable e) {
    return transientCause(e).isPresent();
  }

  /** The transient failure in the cause chain, whose message says what was unreachable. */
  public static Optional<Throwable> transientCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnavailableException || t instanceof RetriableException) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
