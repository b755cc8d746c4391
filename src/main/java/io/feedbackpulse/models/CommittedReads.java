package io.feedbackpulse.models;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

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

  /**
   * Every committed value of {@code topic} up to its end, in order within each partition (tombstones left out);
   * empty when the topic does not exist.
   *
   * @throws ModelRegistryException (unreachable) when the topic cannot be read to its end within the timeout
   */
  static <V> Optional<List<V>> readToEnd(Properties clientProperties, String clientIdPrefix, String topic,
      Deserializer<V> values, Duration timeout) {
    Properties p = consumerProperties(clientProperties, clientIdPrefix);
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        return Optional.empty();
      }
      List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      List<V> read = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!atEnd(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw ModelRegistryException.unreachable("could not read " + topic + " to its end within " + timeout);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.value() != null) {
            read.add(r.value());
          }
        });
      }
      return Optional.of(read);
    } catch (TimeoutException e) {
      throw ModelRegistryException.unreachable("could not read " + topic + " from "
          + clientProperties.getProperty("bootstrap.servers") + " within " + timeout + ": " + e.getMessage());
    }
  }

  private static boolean atEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
