package io.feedbackpulse.topology;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * What the seen-feedback store remembers of one feedback id at one sighting (the entry's window start
 * is the stream time it was seen at): the fingerprint of its latest content, which revision that is,
 * and whether the item has raised its support alert.
 */
record SeenFeedback(String contentHash, int revision, boolean alerted) {

  SeenFeedback alertRaised() {
    return new SeenFeedback(contentHash, revision, true);
  }

  /** The id's latest sighting within {@code windowMillis} before {@code now}, or null: the timestamp and entry. */
  static KeyValue<Long, SeenFeedback> latest(WindowStore<String, SeenFeedback> store, String id, long now,
      long windowMillis) {
    try (WindowStoreIterator<SeenFeedback> sightings = store.backwardFetch(id, now - windowMillis, now)) {
      return sightings.hasNext() ? sightings.next() : null;
    }
  }
}
