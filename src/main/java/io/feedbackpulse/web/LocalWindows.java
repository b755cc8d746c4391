package io.feedbackpulse.web;

import io.feedbackpulse.drift.LabelWindowAggregate;
import io.feedbackpulse.topology.FeedbackTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Reads this instance's part of the label-windows store through Kafka Streams interactive queries. */
final class LocalWindows {
  /** Far enough for any event time; the store keeps only its retention anyway. */
  private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE / 2);

  private final KafkaStreams streams;
  private final Duration windowSize;

  LocalWindows(KafkaStreams streams, Duration windowSize) {
    this.streams = streams;
    this.windowSize = windowSize;
  }

  /** The channel's most recent windows on this instance, newest first. */
  List<WindowView> recent(String channel, int limit) {
    ReadOnlyWindowStore<String, LabelWindowAggregate> store;
    try {
      store = streams.store(StoreQueryParameters.fromNameAndType(FeedbackTopology.LABEL_WINDOW_STORE,
          QueryableStoreTypes.<String, LabelWindowAggregate>windowStore()));
    } catch (InvalidStateStoreException e) {
      throw new UnavailableException("the window store cannot be queried now: " + e.getMessage());
    }
    List<WindowView> out = new ArrayList<>();
    try (WindowStoreIterator<LabelWindowAggregate> windows = store.backwardFetch(channel, Instant.EPOCH, LATEST)) {
      while (windows.hasNext() && out.size() < limit) {
        KeyValue<Long, LabelWindowAggregate> window = windows.next();
        Instant start = Instant.ofEpochMilli(window.key);
        out.add(WindowView.of(channel, start, start.plus(windowSize), window.value));
      }
    } catch (InvalidStateStoreException e) {
      throw new UnavailableException("the window store cannot be queried now: " + e.getMessage());
    }
    return out;
  }
}
