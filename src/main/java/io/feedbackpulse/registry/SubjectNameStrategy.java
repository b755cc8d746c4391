package io.feedbackpulse.registry;

import io.apicurio.registry.serde.avro.strategy.QualifiedRecordIdStrategy;
import io.apicurio.registry.serde.strategy.TopicIdStrategy;

/**
 * Confluent's subject naming strategies, each mapped to the Apicurio artifact resolver strategy that yields
 * the same subject (Apicurio's artifact id is the Confluent subject; the group is not used).
 */
public enum SubjectNameStrategy {
  /** {@code <topic>-value} or {@code <topic>-key}. */
  TOPIC_NAME(TopicIdStrategy.class),
  /** The record's full name, for example {@code io.feedbackpulse.avro.Feedback}. */
  RECORD_NAME(QualifiedRecordIdStrategy.class),
  /** {@code <topic>-<record full name>}. */
  TOPIC_RECORD_NAME(TopicRecordSubjectStrategy.class);

  private final Class<?> apicurioStrategy;

  SubjectNameStrategy(Class<?> apicurioStrategy) {
    this.apicurioStrategy = apicurioStrategy;
  }

  /** The class to set as Apicurio's {@code apicurio.registry.artifact-resolver-strategy}. */
  public Class<?> apicurioStrategy() {
    return apicurioStrategy;
  }
}
