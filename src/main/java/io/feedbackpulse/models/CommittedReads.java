package io.feedbackpulse.models;

import io.feedbackpulse.streams.TopicReader;
import io.feedbackpulse.streams.TopicReader.Sink;
import io.feedbackpulse.streams.TopicReader.Start;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads of a model topic with a {@link TopicReader}, failing the way the {@code models} commands report. */
final class CommittedReads {
  private CommittedReads() {
  }

  /** A reader named {@code clientIdPrefix} and a unique suffix. */
  static <V> TopicReader<V> open(Properties clientProperties, String clientIdPrefix, Deserializer<V> values) {
    return TopicReader.open(clientProperties, clientIdPrefix + UUID.randomUUID(), values);
  }

  /**
   * Every committed value of {@code topic} up to its end, in order within each partition (tombstones left out);
   * empty when the topic does not exist.
   *
   * @throws ModelRegistryException (unreachable) when the topic cannot be read to its end within the timeout
   */
  static <V> Optional<List<V>> readToEnd(Properties clientProperties, String clientIdPrefix, String topic,
      Deserializer<V> values, Duration timeout) {
    try (TopicReader<V> reader = open(clientProperties, clientIdPrefix, values)) {
      if (reader.add(topic, Start.beginning(), timeout).isEmpty()) {
        return Optional.empty();
      }
      List<V> read = new ArrayList<>();
      readToEnd(reader, topic, timeout, r -> {
        if (r.value() != null) {
          read.add(r.value());
        }
      });
      return Optional.of(read);
    } catch (TimeoutException e) {
      throw ModelRegistryException.unreachable("could not read " + topic + " from "
          + clientProperties.getProperty("bootstrap.servers") + " within " + timeout + ": " + e.getMessage());
    }
  }

  /**
   * Reads what {@code reader} holds of {@code topic} to its end.
   *
   * @throws ModelRegistryException (unreachable) when the read gets no nearer the end for {@code timeout}
   */
  static <V> void readToEnd(TopicReader<V> reader, String topic, Duration timeout, Sink<V> sink) {
    if (!reader.readToEnd(timeout, sink)) {
      throw ModelRegistryException.unreachable("could not read " + topic + " to its end within " + timeout);
    }
  }
}
