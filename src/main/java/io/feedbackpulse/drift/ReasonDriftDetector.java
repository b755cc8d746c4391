package io.feedbackpulse.drift;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelDistribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which complaint reasons' shares of a closed window's alerts moved against the trailing reference: one
 * event per reason whose share moved further than the threshold and whose move is significant by the label drift's
 * chi-square test (its alpha shared by the tested channels and, here, by the reasons tested too), so that a small
 * window's noise raises nothing. Windows and references with fewer alerts with reasons than the minimum items raise
 * none.
 */
public final class ReasonDriftDetector {
  public static final String REASON_SHARE = "reason-share";
  public static final String FACET = "reason";

  private final DriftThresholds thresholds;
  private final double shareThreshold;

  /** @param shareThreshold how far (in absolute share, 0..1) a reason's share moves to count */
  public ReasonDriftDetector(DriftThresholds thresholds, double shareThreshold) {
    this.thresholds = thresholds;
    this.shareThreshold = shareThreshold;
  }

  public List<DriftEvent> events(LabelDistribution d, LabelWindowAggregate window, Optional<ReasonReference> reference) {
    List<DriftEvent> events = new ArrayList<>();
    long alerts = window.alertsWithReasons;
    if (reference.isEmpty() || alerts == 0 || alerts < thresholds.minItems() || d.getDrift() == null) {
      return events;
    }
    ReasonReference ref = reference.get();
    Set<String> tested = new TreeSet<>(window.reasons.keySet());
    tested.addAll(ref.counts().keySet());
    double pValueBound = thresholds.chiSquarePValue() / tested.size();
    for (String reason : tested) {
      long given = window.reasons.getOrDefault(reason, 0L);
      double current = (double) given / alerts;
      double before = ref.share(reason);
      double chi = DistributionStatistics.chiSquare(new long[] {given, alerts - given},
          new double[] {before, 1 - before});
      if (Math.abs(current - before) > shareThreshold
          && DistributionStatistics.chiSquarePValue(chi, 1) < pValueBound) {
        events.add(DriftEvents.about(d, DriftEvents.REASON, REASON_SHARE, current - before, shareThreshold)
            .setReference(ref.name())
            .setReferenceValue(before)
            .setCurrentValue(current)
            .setFacet(FACET)
            .setFacetValue(reason)
            .build());
      }
    }
    return events;
  }
}
