package io.feedbackpulse.topology;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.ingest.ContentFingerprint;
import io.feedbackpulse.streams.Outcome;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Keyed by canonical feedback id, before scoring so that a copy costs no model call: an item whose id
 * was seen within the window with the same content ({@link ContentFingerprint}) is a copy (a producer's
 * retry, a replayed file) and is dropped and reported; the same id with other content is an edit and
 * goes on to be scored, with {@code revision} one more than the version before it.
 *
 * <p>"Seen" is by stream time: each sighting, copies included, is put in the seen-feedback window store
 * at the stream time it was seen at, so a producer that replays an item every day keeps it a copy, and
 * an item not seen for the window is new again (revision 0, scored and possibly alerted afresh). The
 * store drops sightings older than its retention (the window) segment by segment, with no punctuator;
 * a lookup reads only the window's sightings, so an entry awaiting its segment's expiry never counts.
 * The store is changelogged and written in the same transaction as the records forwarded, so under
 * exactly-once a restart neither forgets a sighting nor remembers one whose output was aborted.
 *
 * <p>The check is per task: it is only complete because the records reach it keyed by feedback id
 * through the by-feedback-id repartition (see {@link FeedbackTopology}).
 */
final class DuplicateFilter implements FixedKeyProcessor<String, Feedback, Outcome<Feedback>> {
  private final String storeName;
  private final long windowMillis;
  private final Consumer<Feedback> onDuplicate;
  private FixedKeyProcessorContext<String, Outcome<Feedback>> context;
  private WindowStore<String, SeenFeedback> seen;

  DuplicateFilter(String storeName, Duration window, Consumer<Feedback> onDuplicate) {
    this.storeName = storeName;
    this.windowMillis = window.toMillis();
    this.onDuplicate = onDuplicate;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Outcome<Feedback>> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, Feedback> record) {
    Feedback feedback = record.value();
    String id = record.key();
    long now = Math.max(context.currentStreamTimeMs(), record.timestamp());
    String hash = ContentFingerprint.of(feedback);
    KeyValue<Long, SeenFeedback> last = SeenFeedback.latest(seen, id, now, windowMillis);
    if (last == null) {
      seen.put(id, new SeenFeedback(hash, 0, false), now);
      context.forward(record.withValue(Outcome.of(withRevision(feedback, 0))));
    } else if (last.value.contentHash().equals(hash)) {
      seen.put(id, last.value, now);
      onDuplicate.accept(feedback);
    } else {
      int revision = last.value.revision() + 1;
      seen.put(id, new SeenFeedback(hash, revision, last.value.alerted()), now);
      context.forward(record.withValue(Outcome.of(withRevision(feedback, revision))));
    }
  }

  private static Feedback withRevision(Feedback feedback, int revision) {
    return feedback.getRevision() == revision ? feedback : Feedback.newBuilder(feedback).setRevision(revision).build();
  }
}
