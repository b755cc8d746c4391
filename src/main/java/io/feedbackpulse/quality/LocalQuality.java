package io.feedbackpulse.quality;

import io.feedbackpulse.avro.ModelQuality;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Reads this instance's part of the model-quality store through interactive queries: a channel's windows, every
 * model version, newest first, with the figures as model.quality publishes them (and the estimate of windows
 * that have no label yet, which model.quality does not publish).
 */
public final class LocalQuality {
  private final KafkaStreams streams;
  private final Duration window;
  private final QualityThresholds thresholds;

  public LocalQuality(KafkaStreams streams, Duration window, QualityThresholds thresholds) {
    this.streams = streams;
    this.window = window;
    this.thresholds = thresholds;
  }

  /** @throws org.apache.kafka.streams.errors.InvalidStateStoreException when the store cannot be queried now */
  public List<ModelQuality> recent(String channel, int limit) {
    ReadOnlyWindowStore<QualityKey, QualityWindow> store = streams.store(StoreQueryParameters.fromNameAndType(
        GroundTruthTopology.MODEL_QUALITY_STORE, QueryableStoreTypes.<QualityKey, QualityWindow>windowStore()));
    List<ModelQuality> out = new ArrayList<>();
    // The store holds quality.retention of a few keys per channel: reading all of it is cheaper than a time range.
    try (KeyValueIterator<Windowed<QualityKey>, QualityWindow> windows = store.all()) {
      while (windows.hasNext()) {
        KeyValue<Windowed<QualityKey>, QualityWindow> w = windows.next();
        QualityKey key = w.key.key();
        if (key.channel().equals(channel)) {
          long start = w.key.window().start();
          var baseline = thresholds.baselineOf(key.modelId());
          out.add(w.value.toRecord(channel, key.modelId(), key.modelVersion(), start, start + window.toMillis(),
              baseline.isPresent() ? baseline.getAsDouble() : null));
        }
      }
    }
    out.sort(Comparator.comparing(ModelQuality::getWindowStart).reversed());
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }
}
