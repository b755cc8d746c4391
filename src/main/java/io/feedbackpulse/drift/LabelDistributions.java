package io.feedbackpulse.drift;

import io.feedbackpulse.avro.DriftStatistics;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.Probabilities;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Turns a closed window's aggregate into the record published to {@code sentiment.distribution}. */
public final class LabelDistributions {
  /** The confidence reference's name when there is none yet. */
  public static final String NO_REFERENCE = "none";

  private LabelDistributions() {}

  public static LabelDistribution of(String channel, Instant windowStart, Instant windowEnd, LabelWindowAggregate a,
      DriftReference reference) {
    long[] counts = a.counts();
    double[] shares = DistributionStatistics.shares(counts);
    double[] ref = reference.labels().shares();
    double chi = DistributionStatistics.chiSquare(counts, ref);
    Optional<ConfidenceReference> confidence = reference.confidence();
    DriftStatistics drift = DriftStatistics.newBuilder()
        .setReference(reference.labels().name())
        .setReferenceShares(probabilities(ref))
        .setJensenShannonDistance(DistributionStatistics.jensenShannonDistance(shares, ref))
        .setPsi(DistributionStatistics.psi(shares, ref))
        .setChiSquare(chi)
        .setChiSquarePValue(DistributionStatistics.chiSquarePValue(chi, counts.length - 1))
        .setLInfinity(DistributionStatistics.lInfinity(shares, ref))
        .setConfidenceReference(confidence.map(ConfidenceReference::name).orElse(NO_REFERENCE))
        .setReferenceMeanConfidence(confidence.map(ConfidenceReference::meanConfidence).orElse(null))
        .setReferenceMeanEntropy(confidence.map(ConfidenceReference::meanEntropy).orElse(null))
        .build();
    return LabelDistribution.newBuilder()
        .setChannel(channel)
        .setWindowStart(windowStart)
        .setWindowEnd(windowEnd)
        .setTotal(a.total())
        .setNegative(a.negative)
        .setNeutral(a.neutral)
        .setPositive(a.positive)
        .setShares(probabilities(shares))
        .setMeanConfidence(a.meanConfidence())
        .setMeanEntropy(a.meanEntropy())
        .setMeanTokenCount(a.meanTokenCount())
        .setDrift(drift)
        .setBias(BiasStatistics.facets(a))
        .setReasons(a.reasons == null ? Map.of() : Map.copyOf(a.reasons))
        .build();
  }

  static Probabilities probabilities(double[] p) {
    return new Probabilities(p[0], p[1], p[2]);
  }
}
