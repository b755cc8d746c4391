package io.feedbackpulse.quality;

import io.feedbackpulse.avro.FeedbackLabel;
import io.feedbackpulse.avro.ScoredFeedback;
import java.util.Optional;

/** One item's ground truth: -1, 0 or 1, who gave it and when (epoch milliseconds). */
record TrueLabel(int label, String source, String labeler, long labeledAt) {
  static final String CUSTOMER_RATING = "customer_rating";

  static TrueLabel of(FeedbackLabel l) {
    return new TrueLabel(l.getLabel(), l.getSource(), l.getLabeler(), l.getLabeledAt().toEpochMilli());
  }

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
    return Optional.of(new TrueLabel(label, CUSTOMER_RATING, "customer", s.getFeedback().getEventTime().toEpochMilli()));
  }

  /** Whether this label replaces {@code other}: the newer one wins; of two at the same time, the later to arrive. */
  boolean supersedes(TrueLabel other) {
    return other == null || labeledAt >= other.labeledAt;
  }
}
