package io.feedbackpulse.inference;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import java.util.List;

/** Scores a batch of feedback in one model call; one result per item, in the items' order. */
@FunctionalInterface
public interface BatchScorer {

  /**
   * @param arrivedAtMillis when each item reached the scorer, for its queued time
   */
  List<ScoredFeedback> score(List<Feedback> items, List<Long> arrivedAtMillis);

  /**
   * What scoring the item costs, in the unit of {@code batch.max-tokens}: model tokens. A scorer
   * that cannot tell counts each item as one.
   */
  default int cost(Feedback item) {
    return 1;
  }

  /** The text the model reads of the item, which its label is for: its text, or the part in a language it reads. */
  default String textRead(Feedback item) {
    return item.getText();
  }
}
