package io.feedbackpulse.quality;

import io.feedbackpulse.avro.ScoredFeedback;
import java.util.function.UnaryOperator;

/**
 * What the ground-truth join keeps of a scored item while it waits for a label: enough to write the labelled
 * record and to count the item in its model version's quality, not the whole scored record.
 *
 * @param probabilities negative, neutral, positive
 */
record ScoredItem(String id, String channel, String text, int label, double[] probabilities, String modelId,
    String modelVersion, long eventTime) {

  static ScoredItem of(ScoredFeedback s) {
    return new ScoredItem(s.getFeedback().getId(), s.getFeedback().getChannel(), s.getFeedback().getText(),
        s.getLabel(), ProbabilityArrays.of(s.getProbabilities()), s.getModel().getId(), s.getModel().getVersion(),
        s.getFeedback().getEventTime().toEpochMilli());
  }

  ScoredItem withText(UnaryOperator<String> mask) {
    return new ScoredItem(id, channel, mask.apply(text), label, probabilities, modelId, modelVersion, eventTime);
  }
}
