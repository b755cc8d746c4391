package io.feedbackpulse.quality;

import io.feedbackpulse.avro.ModelQuality;
import io.feedbackpulse.streams.TopicNames;
import io.feedbackpulse.streams.TopicReader;
import io.feedbackpulse.streams.TopicReader.Start;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads {@code model.quality} for what labels arrived from a point on. Each record holds a window's whole figures
 * as they stand, so the labels that arrived since are each window's latest matrix less the one it had then.
 */
public final class QualityTopic {
  private final Properties clientProperties;
  private final String topic;
  private final Deserializer<ModelQuality> values;
  private final Duration timeout;

  public QualityTopic(Properties clientProperties, String topic, Deserializer<ModelQuality> values,
      Duration timeout) {
    this.clientProperties = clientProperties;
    this.topic = topic;
    this.values = values;
    this.timeout = timeout;
  }

  /**
   * Reads the topic to its end, which is where counting starts; each {@link LabelsSince#of} reads on to the end it
   * has then.
   *
   * @throws IllegalStateException when the topic cannot be read to its end within the timeout
   */
  public LabelsSince fromNow() {
    Follower follower = new Follower(TopicReader.open(clientProperties,
        "feedback-pulse-quality-" + UUID.randomUUID(), values));
    try {
      follower.readOn();
      follower.markStart();
      return follower;
    } catch (RuntimeException e) {
      follower.close();
      throw e;
    }
  }

  private record Window(String modelId, long start) {}

  private final class Follower implements LabelsSince {
    private final TopicReader<ModelQuality> reader;
    private final Map<Window, ModelQuality> latest = new HashMap<>();
    private Map<Window, Confusion> atStart = Map.of();
    private boolean added;

    Follower(TopicReader<ModelQuality> reader) {
      this.reader = reader;
    }

    void markStart() {
      Map<Window, Confusion> start = new HashMap<>();
      latest.forEach((w, q) -> start.put(w, Confusion.of(q.getConfusion())));
      atStart = start;
    }

    void readOn() {
      // A topic that does not exist yet has no figures: its records, once it exists, all arrived after the start.
      if (!added) {
        added = !reader.add(topic, Start.beginning(), timeout).isEmpty();
        if (!added) {
          return;
        }
      }
      if (!reader.readToEnd(timeout, this::accept)) {
        throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
      }
    }

    private void accept(ConsumerRecord<byte[], ModelQuality> r) {
      ModelQuality q = r.value();
      if (q != null && TopicNames.ALL_CHANNELS.equals(q.getChannel())) {
        latest.put(new Window(q.getModel().getId(), q.getWindowStart().toEpochMilli()), q);
      }
    }

    @Override
    public Confusion of(Set<String> modelIds) {
      readOn();
      Confusion sum = Confusion.empty();
      for (Map.Entry<Window, ModelQuality> e : latest.entrySet()) {
        if (modelIds.contains(e.getKey().modelId())) {
          Confusion now = Confusion.of(e.getValue().getConfusion());
          sum = sum.plus(now.since(atStart.getOrDefault(e.getKey(), Confusion.empty())));
        }
      }
      return sum;
    }

    @Override
    public void close() {
      reader.close();
    }
  }
}
