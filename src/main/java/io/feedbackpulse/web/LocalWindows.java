package io.feedbackpulse.web;

import io.feedbackpulse.drift.LabelWindowAggregate;
import io.feedbackpulse.topology.FeedbackTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;

/** Reads this instance's part of the label-windows store through Kafka Streams interactive queries. */
final class LocalWindows {
  private final KafkaStreams streams;
  private final Duration windowSize;

  LocalWindows(KafkaStreams streams, Duration windowSize) {
    this.streams = streams;
    this.windowSize = windowSize;
  }

  /**
   * The channel's most recent windows on this instance, newest first. The store holds only its
   * retention, so all of it is read: a fetch by time range would walk every segment interval of the range.
   */
  List<WindowView> recent(String channel, int limit) {
    ReadOnlyWindowStore<String, LabelWindowAggregate> store;
    try {
      store = streams.store(StoreQueryParameters.fromNameAndType(FeedbackTopology.LABEL_WINDOW_STORE,
          QueryableStoreTypes.<String, LabelWindowAggregate>windowStore()));
    } catch (InvalidStateStoreException e) {
      throw new UnavailableException("the window store cannot be queried now: " + e.getMessage());
    }
    List<WindowView> out = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, LabelWindowAggregate> windows = store.all()) {
      while (windows.hasNext()) {
        KeyValue<Windowed<String>, LabelWindowAggregate> window = windows.next();
        if (window.key.key().equals(channel)) {
          Instant start = window.key.window().startTime();
          out.add(WindowView.of(channel, start, start.plus(windowSize), window.value));
        }
      }
    } catch (InvalidStateStoreException e) {
      throw new UnavailableException("the window store cannot be queried now: " + e.getMessage());
    }
    out.sort(Comparator.comparing(WindowView::windowStart).reversed());
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }
}
