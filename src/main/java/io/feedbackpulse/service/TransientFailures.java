package io.feedbackpulse.service;

import io.feedbackpulse.registry.RegistryUnavailableException;
import org.apache.kafka.common.errors.RetriableException;

/** Failures of the surroundings that pass (registry unreachable, retriable Kafka errors), not of a record. */
public final class TransientFailures {
  private TransientFailures() {}

  public static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnavailableException || t instanceof RetriableException) {
        return true;
      }
    }
    return false;
  }
}
