package io.feedbackpulse.drift;

/**
 * Statistics of a window's label counts against a reference distribution. Empty bins are
 * replaced by {@link #EPSILON} (then renormalized) wherever a logarithm or a division needs it.
 */
public final class DistributionStatistics {
  /** The share an empty bin is given in logarithms and ratios. */
  public static final double EPSILON = 1e-4;

  private DistributionStatistics() {}

  public static double[] shares(long[] counts) {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    double[] s = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      s[i] = n == 0 ? 0 : (double) counts[i] / n;
    }
    return s;
  }

  /** Jensen-Shannon distance with base-2 logarithms: 0 for equal distributions, 1 for disjoint ones. */
  public static double jensenShannonDistance(double[] p, double[] q) {
    double js = 0;
    for (int i = 0; i < p.length; i++) {
      double m = (p[i] + q[i]) / 2;
      js += 0.5 * klTerm(p[i], m) + 0.5 * klTerm(q[i], m);
    }
    return Math.sqrt(Math.max(0, js));
  }

  private static double klTerm(double a, double m) {
    return a == 0 ? 0 : a * Math.log(a / m) / Math.log(2);
  }

  /** Population stability index: sum of (current - reference) * ln(current / reference). */
  public static double psi(double[] current, double[] reference) {
    double[] c = smoothed(current);
    double[] r = smoothed(reference);
    double psi = 0;
    for (int i = 0; i < c.length; i++) {
      psi += (c[i] - r[i]) * Math.log(c[i] / r[i]);
    }
    return psi;
  }

  /** Pearson's chi-square of observed counts against the reference shares scaled to the window's size. */
  public static double chiSquare(long[] observed, double[] reference) {
    long n = 0;
    for (long o : observed) {
      n += o;
    }
    double[] r = smoothed(reference);
    double chi = 0;
    for (int i = 0; i < observed.length; i++) {
      double expected = r[i] * n;
      chi += (observed[i] - expected) * (observed[i] - expected) / expected;
    }
    return chi;
  }

  /** Upper-tail probability of the chi-square distribution with {@code df} degrees of freedom. */
  public static double chiSquarePValue(double chi, int df) {
    if (chi <= 0) {
      return 1;
    }
    return RegularizedGamma.upper(df / 2.0, chi / 2.0);
  }

  /** The largest change of one label's share. */
  public static double lInfinity(double[] p, double[] q) {
    double max = 0;
    for (int i = 0; i < p.length; i++) {
      max = Math.max(max, Math.abs(p[i] - q[i]));
    }
    return max;
  }

  static double[] smoothed(double[] shares) {
    double[] s = new double[shares.length];
    double sum = 0;
    for (int i = 0; i < shares.length; i++) {
      s[i] = Math.max(shares[i], EPSILON);
      sum += s[i];
    }
    for (int i = 0; i < s.length; i++) {
      s[i] /= sum;
    }
    return s;
  }
}
