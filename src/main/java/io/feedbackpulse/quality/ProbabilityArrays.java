package io.feedbackpulse.quality;

import io.feedbackpulse.avro.Probabilities;

/** Label probabilities as the ground-truth records keep them: an array of negative, neutral, positive. */
final class ProbabilityArrays {
  private ProbabilityArrays() {
  }

  static double[] of(Probabilities p) {
    return new double[] {p.getNegative(), p.getNeutral(), p.getPositive()};
  }

  static Probabilities toRecord(double[] p) {
    return Probabilities.newBuilder().setNegative(p[0]).setNeutral(p[1]).setPositive(p[2]).build();
  }
}
