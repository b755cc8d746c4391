package io.feedbackpulse.models;

import io.feedbackpulse.avro.AgreementWindow;
import io.feedbackpulse.avro.ComparisonKind;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.streams.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the live agreement of a champion and a challenger from {@code model.comparison}: the window records of
 * channel {@code all} for exactly these two models (by model id, so that a version re-registered with other files
 * does not count), written since a point in time.
 */
public final class ComparisonTopic {
  private final Properties clientProperties;
  private final String topic;
  private final Serde<ModelComparison> serde;
  private final Duration timeout;

  public ComparisonTopic(Properties clientProperties, String topic, Serde<ModelComparison> serde, Duration timeout) {
    this.clientProperties = clientProperties;
    this.topic = topic;
    this.serde = serde;
    this.timeout = timeout;
  }

  /**
   * Empty when the topic does not exist or holds no window of these two since {@code since}.
   *
   * @param championIds the ids the champion's records may carry ({@link ModelRegistry#idsOf}), the same for the
   *     challenger
   */
  public Optional<LiveAgreement> agreement(Set<String> championIds, Set<String> challengerIds, Instant since) {
    Properties p = CommittedReads.consumerProperties(clientProperties, "feedback-pulse-models-");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (KafkaConsumer<String, ModelComparison> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
        serde.deserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        return Optional.empty();
      }
      List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> at = new HashMap<>();
      partitions.forEach(tp -> at.put(tp, since.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(at, timeout);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      for (TopicPartition tp : partitions) {
        OffsetAndTimestamp first = start.get(tp);
        consumer.seek(tp, first == null ? end.get(tp) : first.offset());
      }
      // A window may be written again as late items arrive: its latest record counts, once.
      Map<Long, AgreementWindow> windows = new LinkedHashMap<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw ModelRegistryException.unreachable("could not read " + topic + " to its end within " + timeout);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          ModelComparison c = r.value();
          if (c != null && c.getKind() == ComparisonKind.window && TopicNames.ALL_CHANNELS.equals(c.getChannel())
              && c.getWindow() != null && championIds.contains(c.getChampion().getId())
              && challengerIds.contains(c.getChallenger().getId())) {
            windows.put(c.getWindow().getWindowStart().toEpochMilli(), c.getWindow());
          }
        });
      }
      return windows.isEmpty() ? Optional.empty() : Optional.of(LiveAgreement.of(List.copyOf(windows.values())));
    }
  }
}
