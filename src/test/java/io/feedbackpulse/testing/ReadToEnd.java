package io.feedbackpulse.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a subscribed consumer's topics to their end. Once the service has stopped, that is everything it ever
 * committed, so a record written twice is among what was read: a wait on the end offsets, not a sleep that hopes
 * the doubles have arrived.
 */
public final class ReadToEnd {

  private ReadToEnd() {
  }

  /** Calls {@code pollOnce} (one poll of {@code consumer}) until every partition of its topics is read to its end. */
  public static void read(Consumer<?, ?> consumer, Runnable pollOnce, Duration timeout) {
    await("every partition of " + consumer.subscription() + " read to its end offset")
        .atMost(timeout).pollInterval(Duration.ofMillis(50))
        .until(() -> {
          pollOnce.run();
          return atEnd(consumer);
        });
  }

  /**
   * Whether {@code consumer} is assigned every partition of the topics it subscribes to and has read each up to its end
   * offset (for {@code read_committed}: the last stable offset).
   */
  static boolean atEnd(Consumer<?, ?> consumer) {
    Set<TopicPartition> partitions = consumer.subscription().stream()
        .flatMap(topic -> consumer.partitionsFor(topic).stream())
        .map(info -> new TopicPartition(info.topic(), info.partition()))
        .collect(Collectors.toSet());
    if (!consumer.assignment().containsAll(partitions)) {
      return false;
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}
