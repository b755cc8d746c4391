package io.feedbackpulse.quality;

import io.feedbackpulse.avro.FeedbackLabel;
import io.feedbackpulse.ingest.EventTimePolicy;
import java.time.Instant;
import java.util.Optional;

/**
 * When a label counts ({@code labeledAt}): the time it was sent with, held to the rules of item event times
 * ({@link EventTimePolicy}: not before {@code time.min-event-time}, not more than {@code time.max-future-skew} after
 * its record timestamp, itself held to the service's clock) and, once its item is known, not before the item was
 * written less the same skew; out of range, its record timestamp counts and the label says so. A label counts in
 * the quality window of its time and the newest one wins, so a single label dated 2099 would otherwise open a
 * window that hides the current one, move the quality store's time past every window that is still filling, and
 * outrank every correction.
 */
final class LabelTimes {
  private final EventTimePolicy policy;

  LabelTimes(EventTimePolicy policy) {
    this.policy = policy;
  }

  /** A label as read, its time judged without its item. */
  TrueLabel read(FeedbackLabel l, long recordTimestamp, long nowMillis) {
    Long sent = l.getLabeledAt() == null ? null : l.getLabeledAt().toEpochMilli();
    TrueLabel.LabelClock clock = new TrueLabel.LabelClock(sent, recordTimestamp, nowMillis);
    EventTimePolicy.EventTime at = policy.resolve(sentAt(clock), recordTimestamp, nowMillis);
    return new TrueLabel(l.getLabel(), l.getSource(), l.getLabeler(), at.millis(), at.source().code(), clock,
        l.getReason());
  }

  /**
   * When a label arrived, for the record that carries it to its item: its record timestamp, or the service's clock
   * when that is too far ahead. Not its {@code labeledAt}: a label that waits for its item is kept for
   * {@code quality.label-delay} from when it arrived, however long ago it was given.
   */
  long arrivedAt(long recordTimestamp, long nowMillis) {
    return policy.resolve(Optional.empty(), recordTimestamp, nowMillis).millis();
  }

  /** The label with its time judged again against its item; a rating's time is its item's, and stays. */
  TrueLabel against(TrueLabel label, ScoredItem item) {
    TrueLabel.LabelClock clock = label.clock();
    if (clock == null) {
      return label;
    }
    Instant notBefore = Instant.ofEpochMilli(item.eventTime()).minus(policy.maxFutureSkew());
    EventTimePolicy.EventTime at = policy.resolve(sentAt(clock), clock.recordTimestamp(), clock.readAt(), notBefore);
    return new TrueLabel(label.label(), label.source(), label.labeler(), at.millis(), at.source().code(), clock,
        label.reason());
  }

  private static Optional<Instant> sentAt(TrueLabel.LabelClock clock) {
    return Optional.ofNullable(clock.sent()).map(Instant::ofEpochMilli);
  }
}
