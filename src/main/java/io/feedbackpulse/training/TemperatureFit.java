package io.feedbackpulse.training;

import io.feedbackpulse.inference.Calibration;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.TextLogits;
import java.util.List;

/**
 * Fits the temperature that minimizes the mean negative log-likelihood of the true labels
 * (temperature scaling, Guo et al. 2017). The likelihood is unimodal in T for one window per text,
 * so a golden-section search on log T finds it; texts of several windows are scored exactly as
 * the service scores them (windows' probabilities averaged after scaling).
 */
public final class TemperatureFit {
  static final double MIN_TEMPERATURE = 0.05;
  static final double MAX_TEMPERATURE = 20;
  private static final double TOLERANCE = 1e-6;
  private static final double FLOOR = 1e-12;
  private static final double INVERSE_PHI = (Math.sqrt(5) - 1) / 2;

  private TemperatureFit() {}

  /** The fitted temperature, with the likelihood before (T = 1) and after, over {@code fittedOn}. */
  public static Calibration fit(List<TextLogits> logits, List<Sentiment> truth, String fittedOn) {
    if (logits.isEmpty() || logits.size() != truth.size()) {
      throw new IllegalArgumentException("need one true label per text and at least one text, got "
          + logits.size() + " texts and " + truth.size() + " labels");
    }
    double lo = Math.log(MIN_TEMPERATURE);
    double hi = Math.log(MAX_TEMPERATURE);
    double a = hi - INVERSE_PHI * (hi - lo);
    double b = lo + INVERSE_PHI * (hi - lo);
    double fa = nll(logits, truth, Math.exp(a));
    double fb = nll(logits, truth, Math.exp(b));
    while (hi - lo > TOLERANCE) {
      if (fa <= fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - INVERSE_PHI * (hi - lo);
        fa = nll(logits, truth, Math.exp(a));
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + INVERSE_PHI * (hi - lo);
        fb = nll(logits, truth, Math.exp(b));
      }
    }
    double t = Math.exp((lo + hi) / 2);
    return new Calibration(t, fittedOn, logits.size(), nll(logits, truth, 1.0), nll(logits, truth, t));
  }

  /** Mean negative log-likelihood (natural log) of the true labels at temperature {@code t}. */
  public static double nll(List<TextLogits> logits, List<Sentiment> truth, double t) {
    Calibration at = new Calibration(t, "", 0, Double.NaN, Double.NaN);
    double sum = 0;
    for (int i = 0; i < logits.size(); i++) {
      sum -= Math.log(Math.max(FLOOR, logits.get(i).prediction(at).probability(truth.get(i))));
    }
    return sum / logits.size();
  }
}
