package io.feedbackpulse.registry;

import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.resolver.strategy.ArtifactReferenceResolverStrategy;
import io.apicurio.registry.serde.data.SerdeRecord;
import org.apache.avro.Schema;

/**
 * Confluent's TopicRecordNameStrategy ({@code <topic>-<record full name>}). Apicurio's own
 * TopicRecordIdStrategy uses the record's simple name instead, which would name a different subject.
 */
public final class TopicRecordSubjectStrategy implements ArtifactReferenceResolverStrategy<Schema, Object> {

  @Override
  public ArtifactReference artifactReference(Record<Object> data, ParsedSchema<Schema> parsedSchema) {
    Schema schema = parsedSchema.getParsedSchema();
    if (schema.getType() != Schema.Type.RECORD) {
      throw new IllegalStateException("TopicRecordNameStrategy needs an Avro record, got " + schema.getType());
    }
    String topic = ((SerdeRecord<Object>) data).metadata().getTopic();
    return ArtifactReference.builder().artifactId(topic + "-" + schema.getFullName()).build();
  }

  @Override
  public boolean loadSchema() {
    return true;
  }
}
