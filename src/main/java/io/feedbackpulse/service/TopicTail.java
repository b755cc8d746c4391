package io.feedbackpulse.service;

import io.feedbackpulse.streams.TopicReader;
import io.feedbackpulse.streams.TopicReader.Start;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
  /** How long finding a topic's partitions and where to start on them may take before the next look. */
  private static final Duration LOOK_UP = Duration.ofSeconds(5);
  /** As {@code lastRecords}: every record still there. */
  public static final int FROM_THE_BEGINNING = Integer.MAX_VALUE;

  /** How to decode one topic's values and where to put them. */
  public record Follow<T>(String topic, Deserializer<T> values, Consumer<T> sink) {
    void accept(ConsumerRecord<byte[], byte[]> record) {
      sink.accept(values.deserialize(record.topic(), record.headers(), record.value()));
    }
  }

  private final TopicReader<byte[]> reader;
  private final Map<String, Follow<?>> follows = new HashMap<>();
  private final int lastRecords;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param lastRecords how far back to start on each partition; a number larger than the topic reads it all
   */
  public TopicTail(Properties clientProperties, String clientId, List<Follow<?>> follows, int lastRecords) {
    this.reader = TopicReader.open(clientProperties, clientId, new ByteArrayDeserializer());
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
        for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(500))) {
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
      reader.close();
    }
  }

  private void assignNewTopics(Set<String> assigned) {
    List<TopicPartition> added = new ArrayList<>();
    for (String topic : follows.keySet()) {
      if (assigned.contains(topic)) {
        continue;
      }
      try {
        List<TopicPartition> partitions = reader.add(topic, Start.last(lastRecords), LOOK_UP);
        if (!partitions.isEmpty()) {
          added.addAll(partitions);
          assigned.add(topic);
        }
      } catch (TimeoutException e) {
        // not found in time: looked for again at the next look
      }
    }
    if (added.isEmpty()) {
      return;
    }
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
    reader.wakeup();
    thread.join(10_000);
  }
}
