package io.feedbackpulse.registry;

import java.util.Set;
import org.apache.avro.Schema;

/** Registers Avro schemas under subjects ahead of time, as an operator does when serializers may not. */
public final class SchemaRegistration {
  private final ConfluentRegistryClient client;
  private final RegistryRetry retry;

  public SchemaRegistration(RegistrySettings settings, RegistryRetry retry) {
    this.client = new ConfluentRegistryClient(settings);
    this.retry = retry;
  }

  /** Registers the schema (or finds it already there) and returns its schema id. */
  public long register(String subject, Schema schema) {
    // Registering the same schema again is harmless: the registry answers the existing id.
    return retry.call(() -> client.createSchema("AVRO", null, subject, null, null, false, schema.toString(),
        Set.of()).getGlobalId());
  }
}
