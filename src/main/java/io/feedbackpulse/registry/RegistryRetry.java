package io.feedbackpulse.registry;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Repeats a registry call that failed because the registry could not answer (connection refused, timeout,
 * HTTP 408/429/5xx), waiting between attempts, the wait doubling each time. Other failures end at once.
 * The serdes need none of this: Apicurio's schema resolver retries their lookups itself.
 */
public final class RegistryRetry {
  private final int attempts;
  private final Duration firstBackoff;

  public RegistryRetry(int attempts, Duration firstBackoff) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
  }

  public <T> T call(Supplier<T> registryCall) {
    Duration backoff = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return registryCall.get();
      } catch (RegistryUnavailableException e) {
        if (attempt >= attempts) {
          throw new RegistryUnavailableException("gave up after " + attempts + " attempts: " + e.getMessage(), e);
        }
      }
      sleep(backoff);
      backoff = backoff.multipliedBy(2);
    }
  }

  private static void sleep(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("interrupted while waiting to retry the schema registry", e);
    }
  }
}
