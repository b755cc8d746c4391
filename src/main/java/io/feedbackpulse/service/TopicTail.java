package io.feedbackpulse.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows some topics from about their last N records on, read_committed and without a consumer group
 * (nothing is committed, every instance sees every partition), and hands each decoded value to its sink.
 * Topics that do not exist yet are looked for again every few seconds.
 */
public final class TopicTail implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
  private static final Duration LOOK_AGAIN = Duration.ofSeconds(5);
  /** As {@code lastRecords}: every record still there. */
  public static final int FROM_THE_BEGINNING = Integer.MAX_VALUE;

  /** How to decode one topic's values and where to put them. */
  public record Follow<T>(String topic, Deserializer<T> values, Consumer<T> sink) {
    void accept(ConsumerRecord<byte[], byte[]> record) {
      sink.accept(values.deserialize(record.topic(), record.headers(), record.value()));
    }
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, Follow<?>> follows = new HashMap<>();
  private final int lastRecords;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param lastRecords how far back to start on each partition; a number larger than the topic reads it all
   */
  public TopicTail(Properties clientProperties, String clientId, List<Follow<?>> follows, int lastRecords) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    follows.forEach(f -> this.follows.put(f.topic(), f));
    this.lastRecords = lastRecords;
    this.thread = new Thread(this::run, clientId);
    this.thread.setDaemon(true);
  }

  public TopicTail start() {
    thread.start();
    return this;
  }

  private void run() {
    Set<String> assigned = new HashSet<>();
    long nextLook = 0;
    try {
      while (running) {
        if (assigned.size() < follows.size() && System.nanoTime() >= nextLook) {
          assignNewTopics(assigned);
          nextLook = System.nanoTime() + LOOK_AGAIN.toNanos();
        }
        if (assigned.isEmpty()) {
          Thread.sleep(200);
          continue;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          try {
            follows.get(record.topic()).accept(record);
          } catch (RuntimeException e) {
            log.warn("Skipping {}-{}@{}: cannot decode: {}", record.topic(), record.partition(), record.offset(),
                e.toString());
          }
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("Stopped following {}", follows.keySet(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void assignNewTopics(Set<String> assigned) {
    List<TopicPartition> partitions = new ArrayList<>(consumer.assignment());
    List<TopicPartition> added = new ArrayList<>();
    for (String topic : follows.keySet()) {
      if (assigned.contains(topic)) {
        continue;
      }
      List<PartitionInfo> infos;
      try {
        infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      } catch (TimeoutException e) {
        continue;
      }
      if (infos != null && !infos.isEmpty()) {
        infos.forEach(i -> added.add(new TopicPartition(topic, i.partition())));
        assigned.add(topic);
      }
    }
    if (added.isEmpty()) {
      return;
    }
    partitions.addAll(added);
    consumer.assign(partitions);
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(added);
    consumer.endOffsets(added).forEach((tp, end) ->
        consumer.seek(tp, Math.max(begin.getOrDefault(tp, 0L), end - lastRecords)));
    if (lastRecords == FROM_THE_BEGINNING) {
      log.info("Following {} from the beginning", added);
    } else if (lastRecords == 0) {
      log.info("Following {} from the records to come", added);
    } else {
      log.info("Following {} from their last {} records", added, lastRecords);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
