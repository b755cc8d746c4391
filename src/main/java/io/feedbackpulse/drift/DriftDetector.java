package io.feedbackpulse.drift;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.DriftStatistics;
import io.feedbackpulse.avro.LabelDistribution;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which statistics of a published window crossed their thresholds: one event per crossed
 * statistic, none for windows with fewer than the minimum items.
 */
public final class DriftDetector {
  public static final String JENSEN_SHANNON = "jensen-shannon-distance";
  public static final String CHI_SQUARE_P_VALUE = "chi-square-p-value";
  public static final String PSI = "psi";
  public static final String MEAN_CONFIDENCE = "mean-confidence";
  public static final String MEAN_ENTROPY = "mean-entropy";

  private final DriftThresholds thresholds;

  public DriftDetector(DriftThresholds thresholds) {
    this.thresholds = thresholds;
  }

  public List<DriftEvent> events(LabelDistribution d) {
    List<DriftEvent> events = new ArrayList<>();
    DriftStatistics s = d.getDrift();
    if (s == null || d.getTotal() < thresholds.minItems()) {
      return events;
    }
    if (s.getJensenShannonDistance() > thresholds.jensenShannonDistance()) {
      events.add(DriftEvents.about(d, DriftEvents.LABEL, JENSEN_SHANNON, s.getJensenShannonDistance(),
          thresholds.jensenShannonDistance()).build());
    }
    if (s.getChiSquarePValue() < thresholds.chiSquarePValue()) {
      events.add(DriftEvents.about(d, DriftEvents.LABEL, CHI_SQUARE_P_VALUE, s.getChiSquarePValue(),
          thresholds.chiSquarePValue()).build());
    }
    if (s.getPsi() > thresholds.psi()) {
      events.add(DriftEvents.about(d, DriftEvents.LABEL, PSI, s.getPsi(), thresholds.psi()).build());
    }
    confidenceEvent(d, MEAN_CONFIDENCE, d.getMeanConfidence(), s.getReferenceMeanConfidence(), events);
    confidenceEvent(d, MEAN_ENTROPY, d.getMeanEntropy(), s.getReferenceMeanEntropy(), events);
    return events;
  }

  private void confidenceEvent(LabelDistribution d, String statistic, double current, Double reference,
      List<DriftEvent> events) {
    if (reference == null || Math.abs(current - reference) <= thresholds.confidence()) {
      return;
    }
    events.add(DriftEvents.about(d, DriftEvents.CONFIDENCE, statistic, current - reference, thresholds.confidence())
        .setReference(d.getDrift().getConfidenceReference())
        .setReferenceValue(reference)
        .setCurrentValue(current)
        .build());
  }
}
