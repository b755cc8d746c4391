package io.feedbackpulse.registry;

import io.apicurio.registry.serde.avro.strategy.QualifiedRecordIdStrategy;
import io.apicurio.registry.serde.strategy.TopicIdStrategy;
import java.util.Locale;
import org.apache.avro.Schema;

/**
 * Confluent's subject naming strategies, each mapped to the Apicurio artifact resolver strategy that yields
 * the same subject (Apicurio's artifact id is the Confluent subject; the group is not used).
 */
public enum SubjectNameStrategy {
  /** {@code <topic>-value} or {@code <topic>-key}. */
  TOPIC_NAME("topic", TopicIdStrategy.class),
  /** The record's full name, for example {@code io.feedbackpulse.avro.Feedback}. */
  RECORD_NAME("record", QualifiedRecordIdStrategy.class),
  /** {@code <topic>-<record full name>}. */
  TOPIC_RECORD_NAME("topic-record", TopicRecordSubjectStrategy.class);

  private final String settingValue;
  private final Class<?> apicurioStrategy;

  SubjectNameStrategy(String settingValue, Class<?> apicurioStrategy) {
    this.settingValue = settingValue;
    this.apicurioStrategy = apicurioStrategy;
  }

  /** The strategy a setting names: {@code topic}, {@code record} or {@code topic-record}. */
  public static SubjectNameStrategy fromSetting(String value) {
    for (SubjectNameStrategy strategy : values()) {
      if (strategy.settingValue.equals(value.trim().toLowerCase(Locale.ROOT))) {
        return strategy;
      }
    }
    throw new IllegalArgumentException("subject name strategy must be topic, record or topic-record, got '"
        + value + "'");
  }

  /** The subject a serializer of record values with this schema uses on this topic. */
  public String valueSubject(String topic, Schema schema) {
    return switch (this) {
      case TOPIC_NAME -> topic + "-value";
      case RECORD_NAME -> schema.getFullName();
      case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
    };
  }

  /** The class to set as Apicurio's {@code apicurio.registry.artifact-resolver-strategy}. */
  public Class<?> apicurioStrategy() {
    return apicurioStrategy;
  }
}
