package io.feedbackpulse.quality;

import io.feedbackpulse.avro.ModelInfo;
import io.feedbackpulse.avro.ReviewItem;
import io.feedbackpulse.avro.SecondOpinion;
import io.feedbackpulse.inference.Sentiment;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by channel: lets at most {@code maxPerMinute} items of a channel through to the review queue per minute
 * of stream time (champion/challenger disagreements and low-confidence items alike), so a model that turns unsure
 * floods no one. The count lives in the changelogged review-rate store, written in the transaction that writes the
 * review records; the items are keyed back by feedback id, the key a reviewer's label must carry.
 */
final class ReviewGate implements Processor<String, ReviewCandidate, String, ReviewItem> {
  private static final long MINUTE = 60_000;

  private final String storeName;
  private final int maxPerMinute;
  private final UnaryOperator<String> text;
  private ProcessorContext<String, ReviewItem> context;
  private KeyValueStore<String, ReviewRate> rates;

  /** @param text the item's text as the review queue carries it (masked: {@code alert.TextMasking}) */
  ReviewGate(String storeName, int maxPerMinute, UnaryOperator<String> text) {
    this.storeName = storeName;
    this.maxPerMinute = maxPerMinute;
    this.text = text;
  }

  @Override
  public void init(ProcessorContext<String, ReviewItem> context) {
    this.context = context;
    this.rates = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, ReviewCandidate> record) {
    long minute = Math.floorDiv(Math.max(context.currentStreamTimeMs(), record.timestamp()), MINUTE);
    ReviewRate rate = rates.get(record.key());
    if (rate == null || rate.minute() < minute) {
      rate = new ReviewRate(minute, 0);
    }
    if (rate.sent() >= maxPerMinute) {
      return;
    }
    rates.put(record.key(), new ReviewRate(rate.minute(), rate.sent() + 1));
    ReviewCandidate item = record.value();
    context.forward(new Record<>(item.id(), reviewItem(item), record.timestamp()));
  }

  private ReviewItem reviewItem(ReviewCandidate item) {
    double[] p = item.probabilities();
    ReviewCandidate.SecondOpinion second = item.secondOpinion();
    return ReviewItem.newBuilder()
        .setId(item.id())
        .setChannel(item.channel())
        .setText(text.apply(item.text()))
        .setLabel(item.label())
        .setLabelName(Sentiment.ofValue(item.label()).label())
        .setProbabilities(ProbabilityArrays.toRecord(p))
        .setConfidence(Math.max(p[0], Math.max(p[1], p[2])))
        .setModel(ModelInfo.newBuilder().setId(item.modelId()).setVersion(item.modelVersion()).build())
        .setReason(item.reasonOrDefault())
        .setSecondOpinion(second == null ? null : SecondOpinion.newBuilder()
            .setModel(ModelInfo.newBuilder().setId(second.modelId()).setVersion(second.modelVersion()).build())
            .setLabel(second.label())
            .setLabelName(Sentiment.ofValue(second.label()).label())
            .setProbabilities(ProbabilityArrays.toRecord(second.probabilities()))
            .build())
        .setEventTime(Instant.ofEpochMilli(item.eventTime()))
        .build();
  }
}
