package io.feedbackpulse.models;

import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** Settings of a consumer that reads a model topic directly: committed records only, no group offsets. */
final class CommittedReads {
  private CommittedReads() {
  }

  /** The client's properties plus read_committed, no auto-commit or auto-created topics, and a unique client id. */
  static Properties consumerProperties(Properties clientProperties, String clientIdPrefix) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + UUID.randomUUID());
    return p;
  }
}
