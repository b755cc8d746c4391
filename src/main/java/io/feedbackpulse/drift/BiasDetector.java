package io.feedbackpulse.drift;

import io.feedbackpulse.avro.BiasFacet;
import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelDistribution;
import java.util.List;

/** Turns the bias facets of a published window whose DPPL is out of bounds into drift events of kind "bias". */
public final class BiasDetector {
  public static final String DPPL = "dppl";

  private final BiasBound bound;

  public BiasDetector(BiasBound bound) {
    this.bound = bound;
  }

  public List<DriftEvent> events(LabelDistribution d) {
    return d.getBias().stream()
        .filter(f -> f.getN() >= bound.minItems() && f.getRestN() >= bound.minItems())
        .filter(f -> Math.abs(f.getDppl()) > bound.dppl())
        .map(f -> event(d, f))
        .toList();
  }

  private DriftEvent event(LabelDistribution d, BiasFacet f) {
    return DriftEvents.about(d, DriftEvents.BIAS, DPPL, f.getDppl(), bound.dppl())
        .setTotal(f.getN())
        .setReference("rest:" + f.getFacet())
        .setReferenceShares(f.getRestShares())
        .setCurrentShares(f.getShares())
        .setReferenceValue(f.getRestNegativeShare())
        .setCurrentValue(f.getNegativeShare())
        .setFacet(f.getFacet())
        .setFacetValue(f.getValue())
        .build();
  }
}
