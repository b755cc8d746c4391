package io.feedbackpulse.quality;

import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.streams.TopicReader;
import io.feedbackpulse.streams.TopicReader.Start;
import io.feedbackpulse.training.Progress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the labelled-items topic from its beginning to the end it has when the read starts (read_committed, no
 * consumer group: nothing is committed), keeping each id's latest record: a relabel or a new score of an item
 * replaces what came before, so every item is there once, with its newest label.
 */
public final class LabelledItems {
  private LabelledItems() {}

  /**
   * @param clientProperties bootstrap servers and connection settings
   * @param progress says how many of the topic's records have been read
   * @return the items in the order their latest records were read
   */
  public static List<LabelledFeedback> read(Properties clientProperties, String topic,
      Deserializer<LabelledFeedback> values, Duration timeout, Progress progress) {
    Latest latest = new Latest(topic, values, progress);
    try (TopicReader<byte[]> reader = TopicReader.open(clientProperties,
        "feedback-pulse-dataset-export-" + UUID.randomUUID(), new ByteArrayDeserializer())) {
      reader.add(topic, Start.beginning(), timeout);
      if (!reader.readToEnd(timeout, latest)) {
        throw new IllegalStateException("reading " + topic + " made no progress for " + timeout);
      }
    }
    return List.copyOf(latest.items.values());
  }

  /** Each id's latest item, and the progress of the read. */
  private static final class Latest implements TopicReader.Sink<byte[]> {
    private final Map<String, LabelledFeedback> items = new LinkedHashMap<>();
    private final String topic;
    private final Deserializer<LabelledFeedback> values;
    private final Progress progress;
    private Progress.Step reading;

    Latest(String topic, Deserializer<LabelledFeedback> values, Progress progress) {
      this.topic = topic;
      this.values = values;
      this.progress = progress;
    }

    @Override
    public void expect(long offsets) {
      reading = progress.start("read", offsets, "records of " + topic);
    }

    @Override
    public void accept(ConsumerRecord<byte[], byte[]> r) {
      LabelledFeedback item = values.deserialize(r.topic(), r.headers(), r.value());
      items.remove(item.getId());
      items.put(item.getId(), item);
      reading.advance(1);
    }
  }
}
