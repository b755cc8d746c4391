package io.feedbackpulse.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Schema ids the registry said it does not know, remembered for a while: a producer that writes with an
 * unregistered id does so for every record, and asking the registry again for each would load it for nothing.
 * After {@code ttl} an id is asked about again, since it may have been registered meanwhile. Thread-safe.
 */
final class UnknownSchemaIds {
  static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  /** More distinct unknown ids than this at once is an attack or a bug; forgetting them all only costs lookups. */
  static final int MAX_IDS = 10_000;

  private final Map<Integer, Long> expiresAtNanos = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final LongSupplier nanoTime;

  UnknownSchemaIds(Duration ttl, LongSupplier nanoTime) {
    this.ttl = ttl;
    this.nanoTime = nanoTime;
  }

  boolean isKnownUnknown(int schemaId) {
    Long expiry = expiresAtNanos.get(schemaId);
    if (expiry == null) {
      return false;
    }
    if (nanoTime.getAsLong() - expiry >= 0) {
      expiresAtNanos.remove(schemaId, expiry);
      return false;
    }
    return true;
  }

  void remember(int schemaId) {
    if (expiresAtNanos.size() >= MAX_IDS) {
      expiresAtNanos.clear();
    }
    expiresAtNanos.put(schemaId, nanoTime.getAsLong() + ttl.toNanos());
  }
}
