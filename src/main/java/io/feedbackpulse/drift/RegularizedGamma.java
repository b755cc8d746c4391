package io.feedbackpulse.drift;

/** The regularized upper incomplete gamma function Q(a, x) (Numerical Recipes, 6.2). */
final class RegularizedGamma {
  private static final int MAX_ITERATIONS = 500;
  private static final double TINY = 1e-300;
  private static final double TOLERANCE = 1e-14;

  private RegularizedGamma() {}

  static double upper(double a, double x) {
    if (x < a + 1) {
      return 1 - lowerSeries(a, x);
    }
    return upperContinuedFraction(a, x);
  }

  private static double lowerSeries(double a, double x) {
    double sum = 1 / a;
    double term = sum;
    for (int n = 1; n < MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * TOLERANCE) {
        break;
      }
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }

  private static double upperContinuedFraction(double a, double x) {
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < MAX_ITERATIONS; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      d = Math.abs(d) < TINY ? TINY : d;
      c = b + an / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < TOLERANCE) {
        break;
      }
    }
    return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
  }

  /** Lanczos approximation of ln Γ(a). */
  static double logGamma(double a) {
    double[] g = {76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155,
        0.1208650973866179e-2, -0.5395239384953e-5};
    double y = a;
    double tmp = a + 5.5;
    tmp -= (a + 0.5) * Math.log(tmp);
    double ser = 1.000000000190015;
    for (double c : g) {
      ser += c / ++y;
    }
    return -tmp + Math.log(2.5066282746310005 * ser / a);
  }
}
