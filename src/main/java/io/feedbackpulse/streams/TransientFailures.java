package io.feedbackpulse.streams;

import io.feedbackpulse.registry.RegistryRequestException;
import io.feedbackpulse.registry.RegistryUnavailableException;
import io.feedbackpulse.registry.SchemaNotFoundException;
import java.util.Optional;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Failures of the surroundings, not of a record: the registry unreachable, retriable Kafka errors,
 * and the registry refusing the service (credentials) or lacking an output's subject, which an
 * operator mends. The record is retried, never dead-lettered: a good record must not be sunk for
 * what is wrong around it.
 */
public final class TransientFailures {
  private TransientFailures() {}

  public static boolean isTransient(Throwable e) {
    return transientCause(e).isPresent();
  }

  /** The transient failure in the cause chain, whose message says what was unreachable. */
  public static Optional<Throwable> transientCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnavailableException || t instanceof RetriableException
          || t instanceof RegistryRequestException || t instanceof SchemaNotFoundException) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
