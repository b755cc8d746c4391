package io.feedbackpulse.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the output topics that would delete what the service writes about old items. Outputs carry the item's
 * event time as their Kafka timestamp; on a topic with {@code message.timestamp.type=CreateTime} and a finite
 * {@code retention.ms}, the broker deletes a backfill's outputs (event times older than the retention) as soon as
 * their segment rolls, before a consumer can read them. The topics the service creates use LogAppendTime; one
 * created by hand, or by a version before that, may not.
 */
public final class OldRecordRetention {
  private static final Logger log = LoggerFactory.getLogger(OldRecordRetention.class);
  private static final String APPEND_TIME = TimestampType.LOG_APPEND_TIME.name;

  private OldRecordRetention() {}

  /** Logs one WARN line for each of these topics that would delete old-timestamped records. */
  static void warnAboutTopics(Admin admin, List<String> topics, String bootstrapServers, Duration timeout) {
    if (topics.isEmpty()) {
      return;
    }
    List<ConfigResource> resources = topics.stream()
        .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
    Map<ConfigResource, Config> configs;
    try {
      configs = admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.info("Could not read the configs of the output topics to check their retention: {}",
          e instanceof ExecutionException ? e.getCause().getMessage() : "no answer within " + timeout);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    for (ConfigResource resource : resources) {
      Config config = configs.get(resource);
      if (config != null) {
        warning(resource.name(), config, bootstrapServers).ifPresent(log::warn);
      }
    }
  }

  /** The warning for one topic, if it keeps records by their CreateTime for a finite time. */
  static Optional<String> warning(String topic, Config config, String bootstrapServers) {
    String timestampType = value(config, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");
    String cleanupPolicy = value(config, TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    long retentionMs = Long.parseLong(value(config, TopicConfig.RETENTION_MS_CONFIG, "604800000"));
    if (timestampType.equals(APPEND_TIME) || retentionMs < 0
        || !cleanupPolicy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
      return Optional.empty();
    }
    return Optional.of("Output topic " + topic + " has message.timestamp.type=" + timestampType + " and retention.ms="
        + retentionMs + ": its records carry the items' event time, so the outputs of items older than "
        + Duration.ofMillis(retentionMs) + " (a backfill) are deleted as soon as their segment rolls, before "
        + "consumers read them; set it to LogAppendTime: kafka-configs.sh --bootstrap-server " + bootstrapServers
        + " --alter --entity-type topics --entity-name " + topic + " --add-config "
        + TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG + "=" + APPEND_TIME);
  }

  private static String value(Config config, String name, String fallback) {
    ConfigEntry entry = config.get(name);
    return entry == null || entry.value() == null ? fallback : entry.value();
  }
}
