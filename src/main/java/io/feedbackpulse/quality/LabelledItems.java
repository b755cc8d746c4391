package io.feedbackpulse.quality;

import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.training.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the labelled-items topic from its beginning to the end it has when the read starts (read_committed, no
 * consumer group: nothing is committed), keeping each id's latest record: a relabel or a new score of an item
 * replaces what came before, so every item is there once, with its newest label.
 */
public final class LabelledItems {
  private static final Duration POLL = Duration.ofMillis(500);

  private LabelledItems() {}

  /**
   * @param clientProperties bootstrap servers and connection settings
   * @param progress says how many of the topic's records have been read
   * @return the items in the order their latest records were read
   */
  public static List<LabelledFeedback> read(Properties clientProperties, String topic,
      Deserializer<LabelledFeedback> values, Duration timeout, Progress progress) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    p.put("auto.offset.reset", "earliest");
    Map<String, LabelledFeedback> latest = new LinkedHashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
      long total = end.entrySet().stream().mapToLong(e -> e.getValue() - begin.get(e.getKey())).sum();
      Progress.Step reading = progress.start("read", total, "records of " + topic);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + topic + " made no progress for " + timeout);
        }
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        consumer.poll(POLL).forEach(batch::add);
        if (!batch.isEmpty()) {
          deadline = System.nanoTime() + timeout.toNanos();
        }
        for (ConsumerRecord<String, byte[]> r : batch) {
          LabelledFeedback item = values.deserialize(r.topic(), r.headers(), r.value());
          latest.remove(item.getId());
          latest.put(item.getId(), item);
        }
        reading.advance(batch.size());
      }
    }
    return List.copyOf(latest.values());
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
