package io.feedbackpulse.drift;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelDistribution;
import java.util.List;

/** A drift event about one published window, with the window's fields filled in. */
public final class DriftEvents {
  static final String LABEL = "label";
  static final String CONFIDENCE = "confidence";
  static final String BIAS = "bias";
  /** The kinds of event the drift analysis raises. */
  public static final List<String> KINDS = List.of(LABEL, CONFIDENCE, BIAS);

  private DriftEvents() {}

  static DriftEvent.Builder about(LabelDistribution d, String kind, String statistic, double value, double threshold) {
    return DriftEvent.newBuilder()
        .setChannel(d.getChannel())
        .setKind(kind)
        .setStatistic(statistic)
        .setValue(value)
        .setThreshold(threshold)
        .setWindowStart(d.getWindowStart())
        .setWindowEnd(d.getWindowEnd())
        .setTotal(d.getTotal())
        .setReference(d.getDrift().getReference())
        .setReferenceShares(d.getDrift().getReferenceShares())
        .setCurrentShares(d.getShares());
  }
}
