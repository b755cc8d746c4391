package io.feedbackpulse.quality;

import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.ModelInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Keyed by feedback id: joins scored items with their labels, whichever comes first. Each id has one entry in
 * the ground-truth window store (its item, its newest label), put at the stream time of its latest event; a
 * lookup reads only the last {@code quality.label-delay}, so an item that waits longer for its label, or a label
 * for an id never scored within that time, is forgotten, and the store drops its segment without a punctuator.
 *
 * <p>An item counts once in the figures: when a newer label (or a new score of an edited item) replaces an
 * earlier pairing, the earlier one is retracted before the new one is added, so a relabel corrects the
 * confusion matrix instead of doubling it. A label older than the one held is ignored; a label's time is judged
 * against its item once both are here ({@link LabelTimes}). The store is changelogged
 * and written in the same transaction as what is forwarded, so under exactly-once a restart neither forgets a
 * pairing nor counts one twice.
 */
final class GroundTruthJoin implements Processor<String, GroundTruthEvent, String, GroundTruthUpdate> {
  private final String storeName;
  private final long delayMillis;
  private final LabelTimes times;
  private ProcessorContext<String, GroundTruthUpdate> context;
  private WindowStore<String, JoinState> store;

  GroundTruthJoin(String storeName, Duration labelDelay, LabelTimes times) {
    this.storeName = storeName;
    this.delayMillis = labelDelay.toMillis();
    this.times = times;
  }

  @Override
  public void init(ProcessorContext<String, GroundTruthUpdate> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, GroundTruthEvent> record) {
    String id = record.key();
    long now = Math.max(context.currentStreamTimeMs(), record.timestamp());
    KeyValue<Long, JoinState> last;
    try (WindowStoreIterator<JoinState> entries = store.backwardFetch(id, now - delayMillis, now)) {
      last = entries.hasNext() ? entries.next() : null;
    }
    JoinState before = last == null ? new JoinState(null, null) : last.value;
    GroundTruthEvent event = record.value();
    List<QualityChange> changes = new ArrayList<>();
    JoinState after;
    if (event.item() != null) {
      after = new JoinState(event.item(), before.label() == null ? null : times.against(before.label(), event.item()));
      changes.add(QualityChange.scored(event.item()));
    } else {
      TrueLabel label = before.item() == null ? event.label() : times.against(event.label(), before.item());
      if (!label.supersedes(before.label())) {
        return;
      }
      after = new JoinState(before.item(), label);
    }
    if (before.joined()) {
      changes.add(QualityChange.retracted(before));
    }
    if (after.joined()) {
      changes.add(QualityChange.labelled(after));
    }
    if (last != null && last.key != now) {
      store.put(id, null, last.key);
    }
    store.put(id, after, now);
    context.forward(record.withValue(new GroundTruthUpdate(after.joined() ? labelled(after) : null, changes)));
  }

  private static LabelledFeedback labelled(JoinState j) {
    ScoredItem item = j.item();
    TrueLabel label = j.label();
    double[] p = item.probabilities();
    return LabelledFeedback.newBuilder()
        .setId(item.id())
        .setChannel(item.channel())
        .setText(item.text())
        .setLabel(label.label())
        .setSource(label.source())
        .setLabeler(label.labeler())
        .setLabeledAt(Instant.ofEpochMilli(label.labeledAt()))
        .setLabeledAtSource(label.labeledAtSourceOrDefault())
        .setReason(label.reason())
        .setModelLabel(item.label())
        .setProbabilities(ProbabilityArrays.toRecord(p))
        .setModel(ModelInfo.newBuilder().setId(item.modelId()).setVersion(item.modelVersion()).build())
        .setEventTime(Instant.ofEpochMilli(item.eventTime()))
        .build();
  }
}
