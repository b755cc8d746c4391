package io.feedbackpulse.quality;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.ModelQuality;
import io.feedbackpulse.avro.Probabilities;
import io.feedbackpulse.drift.DriftEvents;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Keyed by channel (or all): adds each quality change to its model version's window (of labelling time for
 * labelled items, of event time for scored ones) in the model-quality window store, and publishes a window's
 * figures each time a labelled item enters or leaves it. Scored items only move the estimate, which is
 * published with the next label (and is in the store for /api/quality at once): one record per scored item
 * would double the traffic for figures that change little. A window whose macro-F1 falls more than the allowed
 * drop below the model's test figure raises one quality event, the first time it does.
 */
final class QualityAggregator implements Processor<String, QualityChange, String, QualityAssessment> {
  static final String KIND = DriftEvents.QUALITY;
  static final String STATISTIC = "macro-f1";

  private final String storeName;
  private final long windowMillis;
  private final QualityThresholds thresholds;
  private ProcessorContext<String, QualityAssessment> context;
  private WindowStore<QualityKey, QualityWindow> store;

  QualityAggregator(String storeName, Duration window, QualityThresholds thresholds) {
    this.storeName = storeName;
    this.windowMillis = window.toMillis();
    this.thresholds = thresholds;
  }

  @Override
  public void init(ProcessorContext<String, QualityAssessment> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, QualityChange> record) {
    QualityChange change = record.value();
    QualityKey key = new QualityKey(record.key(), change.modelId(), change.modelVersion());
    long start = Math.floorDiv(change.time(), windowMillis) * windowMillis;
    QualityWindow window = store.fetch(key, start);
    window = window == null ? new QualityWindow() : window;
    window.apply(change);
    if (change.kind() == QualityChange.Kind.SCORED) {
      store.put(key, window, start);
      return;
    }
    OptionalDouble baseline = thresholds.baselineOf(change.modelId());
    ModelQuality quality = window.toRecord(key.channel(), key.modelId(), key.modelVersion(), start,
        start + windowMillis, baseline.isPresent() ? baseline.getAsDouble() : null);
    Optional<DriftEvent> event = Optional.empty();
    if (baseline.isPresent() && !window.degradationReported() && window.labelled() >= thresholds.minLabelled()
        && window.macroF1() < baseline.getAsDouble() - thresholds.maxDrop()) {
      window.markDegradationReported();
      event = Optional.of(event(quality, window, baseline.getAsDouble()));
    }
    store.put(key, window, start);
    context.forward(new Record<>(key.channel(), new QualityAssessment(quality, event), record.timestamp()));
  }

  /** The reference shares are the labelled items' true labels, the current ones the model's labels for them. */
  private DriftEvent event(ModelQuality q, QualityWindow window, double baseline) {
    long[][] m = window.confusion();
    double n = window.labelled();
    return DriftEvent.newBuilder()
        .setChannel(q.getChannel())
        .setKind(KIND)
        .setStatistic(STATISTIC)
        .setValue(window.macroF1())
        .setThreshold(baseline - thresholds.maxDrop())
        .setWindowStart(q.getWindowStart())
        .setWindowEnd(q.getWindowEnd())
        .setTotal(window.labelled())
        .setReference("baseline:" + q.getModel().getId())
        .setReferenceShares(shares((m[0][0] + m[0][1] + m[0][2]) / n, (m[1][0] + m[1][1] + m[1][2]) / n,
            (m[2][0] + m[2][1] + m[2][2]) / n))
        .setCurrentShares(shares((m[0][0] + m[1][0] + m[2][0]) / n, (m[0][1] + m[1][1] + m[2][1]) / n,
            (m[0][2] + m[1][2] + m[2][2]) / n))
        .setReferenceValue(baseline)
        .setCurrentValue(window.macroF1())
        .build();
  }

  private static Probabilities shares(double negative, double neutral, double positive) {
    return Probabilities.newBuilder().setNegative(negative).setNeutral(neutral).setPositive(positive).build();
  }
}
