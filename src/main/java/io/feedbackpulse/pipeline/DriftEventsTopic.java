package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.streams.TopicReader;
import io.feedbackpulse.streams.TopicReader.Start;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads the events of {@code sentiment.drift} that {@code pipeline watch}'s triggers look at. */
public final class DriftEventsTopic {
  private final Properties clientProperties;
  private final String topic;
  private final Deserializer<DriftEvent> values;
  private final Duration timeout;

  public DriftEventsTopic(Properties clientProperties, String topic, Deserializer<DriftEvent> values,
      Duration timeout) {
    this.clientProperties = clientProperties;
    this.topic = topic;
    this.values = values;
    this.timeout = timeout;
  }

  /** The events whose records are stamped {@code since} or later; none when the topic does not exist yet. */
  public List<DriftTrigger.Observed> since(Instant since) {
    List<DriftTrigger.Observed> events = new ArrayList<>();
    try (TopicReader<DriftEvent> reader = TopicReader.open(clientProperties,
        "feedback-pulse-pipeline-watch-" + UUID.randomUUID(), values)) {
      if (reader.add(topic, Start.since(since), timeout).isEmpty()) {
        return List.of();
      }
      if (!reader.readToEnd(timeout, r -> {
        if (r.value() != null) {
          events.add(new DriftTrigger.Observed(Instant.ofEpochMilli(r.timestamp()), r.value()));
        }
      })) {
        throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
      }
    }
    return events;
  }
}
