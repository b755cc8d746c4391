package io.feedbackpulse.broker;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.internals.Topic;

/**
 * A topic that the service needs: name, partitions, replication factor ({@link #BROKER_DEFAULT}
 * for the broker's {@code default.replication.factor}) and topic configs.
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {
  public static final short BROKER_DEFAULT = -1;

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Topic.validate(name);
    if (partitions < 1) {
      throw new IllegalArgumentException("Topic " + name + " needs at least one partition, not " + partitions);
    }
    if (replicationFactor < 1 && replicationFactor != BROKER_DEFAULT) {
      throw new IllegalArgumentException(
          "Topic " + name + " needs a replication factor of at least 1, not " + replicationFactor);
    }
    configs = Map.copyOf(configs);
  }

  public static TopicSpec of(String name, int partitions, int replicationFactor) {
    return new TopicSpec(name, partitions, toShort(replicationFactor), Map.of());
  }

  public TopicSpec withConfig(String key, String value) {
    Map<String, String> more = new TreeMap<>(configs);
    more.put(key, value);
    return new TopicSpec(name, partitions, replicationFactor, more);
  }

  NewTopic toNewTopic() {
    Optional<Short> replication = replicationFactor == BROKER_DEFAULT
        ? Optional.empty() : Optional.of(replicationFactor);
    return new NewTopic(name, Optional.of(partitions), replication).configs(configs);
  }

  /** The {@code kafka-topics.sh} command line that creates this topic. */
  public String createCommand(String bootstrapServers) {
    StringBuilder command = new StringBuilder("kafka-topics.sh --bootstrap-server ")
        .append(ShellWord.quote(bootstrapServers))
        .append(" --create --topic ").append(ShellWord.quote(name))
        .append(" --partitions ").append(partitions);
    if (replicationFactor != BROKER_DEFAULT) {
      command.append(" --replication-factor ").append(replicationFactor);
    }
    new TreeMap<>(configs).forEach((key, value) ->
        command.append(" --config ").append(ShellWord.quote(key + "=" + value)));
    return command.toString();
  }

  private static short toShort(int replicationFactor) {
    if (replicationFactor > Short.MAX_VALUE) {
      throw new IllegalArgumentException("Replication factor too large: " + replicationFactor);
    }
    return (short) replicationFactor;
  }
}
