package io.feedbackpulse.drift;

import io.feedbackpulse.avro.DriftStatistics;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.Probabilities;
import java.time.Instant;

/** Turns a closed window's aggregate into the record published to {@code sentiment.distribution}. */
public final class LabelDistributions {
  private final ReferenceDistribution reference;

  public LabelDistributions(ReferenceDistribution reference) {
    this.reference = reference;
  }

  public LabelDistribution of(String channel, Instant windowStart, Instant windowEnd, LabelWindowAggregate a) {
    long[] counts = a.counts();
    double[] shares = DistributionStatistics.shares(counts);
    double[] ref = reference.shares();
    double chi = DistributionStatistics.chiSquare(counts, ref);
    DriftStatistics drift = DriftStatistics.newBuilder()
        .setReference(reference.name())
        .setReferenceShares(probabilities(ref))
        .setJensenShannonDistance(DistributionStatistics.jensenShannonDistance(shares, ref))
        .setPsi(DistributionStatistics.psi(shares, ref))
        .setChiSquare(chi)
        .setChiSquarePValue(DistributionStatistics.chiSquarePValue(chi, counts.length - 1))
        .setLInfinity(DistributionStatistics.lInfinity(shares, ref))
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
        .build();
  }

  static Probabilities probabilities(double[] p) {
    return new Probabilities(p[0], p[1], p[2]);
  }
}
