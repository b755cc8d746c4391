package io.feedbackpulse.topology;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.inference.FeedbackScorer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Scores each feedback item; an item the model fails on becomes a dead letter, the rest go on. */
final class ScoringProcessor implements FixedKeyProcessor<String, Outcome<Feedback>, Outcome<ScoredFeedback>> {
  private static final Logger log = LoggerFactory.getLogger(ScoringProcessor.class);
  static final String INFERENCE_FAILED = "inference_failed";

  private final FeedbackScorer scorer;
  private final DeadLetters deadLetters;
  private FixedKeyProcessorContext<String, Outcome<ScoredFeedback>> context;

  ScoringProcessor(FeedbackScorer scorer, DeadLetters deadLetters) {
    this.scorer = scorer;
    this.deadLetters = deadLetters;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Outcome<ScoredFeedback>> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Outcome<Feedback>> record) {
    Feedback feedback = record.value().value();
    Outcome<ScoredFeedback> outcome;
    try {
      outcome = Outcome.of(scorer.score(feedback));
    } catch (RuntimeException e) {
      log.warn("Model failed on {}: {}", feedback.getId(), e.toString());
      outcome = Outcome.failed(deadLetters.of(INFERENCE_FAILED, "the model failed on this item: " + e,
          feedback.getChannel(), context.recordMetadata().orElse(null), record.timestamp(),
          record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
          feedback.toString().getBytes(StandardCharsets.UTF_8)));
    }
    context.forward(record.withValue(outcome));
  }
}
