package io.feedbackpulse.drift;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelDistribution;
import java.util.List;

/** A drift event about one published window, with the window's fields filled in. */
public final class DriftEvents {
  public static final String LABEL = "label";
  static final String CONFIDENCE = "confidence";
  static final String BIAS = "bias";
  static final String REASON = "reason";
  /** Raised by the live quality measurement (model.quality), not by the label windows. */
  public static final String QUALITY = "quality";
  /** The kinds of event in sentiment.drift. */
  public static final List<String> KINDS = List.of(LABEL, CONFIDENCE, BIAS, QUALITY, REASON);

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
