package io.feedbackpulse.quality;

import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.ingest.EventTimeSource;
import java.util.Optional;

/**
 * One item's ground truth: -1, 0 or 1, who gave it and when (epoch milliseconds).
 *
 * @param labeledAtSource which clock {@code labeledAt} is, an {@link EventTimeSource} code; null (a label held
 *     before the field existed) reads as payload
 * @param clock the label's times as it came, to judge {@code labeledAt} again against its item; null for a rating
 * @param reason the complaint reason it gave, as given; null when none (a label held before the field existed too)
 */
record TrueLabel(int label, String source, String labeler, long labeledAt, String labeledAtSource, LabelClock clock,
    String reason) {
  static final String CUSTOMER_RATING = "customer_rating";

  /**
   * A label's times as it came: the {@code labeledAt} it was sent with (null if none), its Kafka record timestamp
   * and the service's clock when it was read.
   */
  record LabelClock(Long sent, long recordTimestamp, long readAt) {}

  /**
   * The label an item's author gave with its star rating, by the rule the model was trained with: 1-2 negative,
   * 3 neutral, 4-5 positive; given when the item was written.
   */
  static Optional<TrueLabel> fromRating(ScoredFeedback s) {
    Integer rating = s.getFeedback().getRating();
    if (rating == null) {
      return Optional.empty();
    }
    int label = rating <= 2 ? -1 : rating == 3 ? 0 : 1;
    return Optional.of(new TrueLabel(label, CUSTOMER_RATING, "customer",
        s.getFeedback().getEventTime().toEpochMilli(), s.getFeedback().getEventTimeSource(), null, null));
  }

  /** Whether this label replaces {@code other}: the newer one wins; of two at the same time, the later to arrive. */
  boolean supersedes(TrueLabel other) {
    return other == null || labeledAt >= other.labeledAt;
  }

  String labeledAtSourceOrDefault() {
    return labeledAtSource == null ? EventTimeSource.PAYLOAD.code() : labeledAtSource;
  }
}
