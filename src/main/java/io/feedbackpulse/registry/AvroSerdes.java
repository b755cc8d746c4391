package io.feedbackpulse.registry;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * Apicurio Avro serdes wired to a Confluent-REST-API registry. They write and read the Confluent framing
 * (magic byte 0, 4-byte big-endian schema id, Avro binary); the serdes returned are already configured.
 */
public final class AvroSerdes {

  private final RegistrySettings settings;
  private final RegistryClientFacade registry;

  public AvroSerdes(RegistrySettings settings) {
    this.settings = settings;
    this.registry = new ConfluentRegistryClient(settings);
  }

  /** A serde of generated Avro classes, for outputs; the subject follows the settings' naming strategy. */
  public <T extends SpecificRecord> Serde<T> specific(Class<T> type, boolean isKey) {
    SpecificData.get().getSchema(type); // fails now, not at the first record, for a class that is not generated Avro
    AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>(registry);
    serializer.configure(config(true), isKey);
    AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>(registry);
    deserializer.configure(config(true), isKey);
    return new ConfiguredSerde<>(serializer, deserializer);
  }

  /** A value deserializer for inputs of any Avro record schema, read with the writer's schema. */
  public Deserializer<GenericRecord> genericDeserializer() {
    AvroKafkaDeserializer<GenericRecord> deserializer = new AvroKafkaDeserializer<>(registry);
    deserializer.configure(config(false), false);
    return deserializer;
  }

  private Map<String, Object> config(boolean specificReader) {
    Map<String, Object> config = new HashMap<>();
    config.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, settings.autoRegister());
    config.put(SchemaResolverConfig.ARTIFACT_RESOLVER_STRATEGY, settings.subjectNameStrategy().apicurioStrategy().getName());
    // A Confluent schema id never changes its content, so a cached schema may outlive a registry outage.
    config.put(SchemaResolverConfig.FAULT_TOLERANT_REFRESH, true);
    config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, specificReader);
    // One self-contained schema per subject, as Confluent's serializer registers it: consumers need no references.
    config.put("apicurio.registry.dereference-schema", true);
    return config;
  }
}
