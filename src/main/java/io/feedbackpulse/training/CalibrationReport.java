package io.feedbackpulse.training;

import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.Sentiment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far a model's confidence (its top probability) is from how often it is right: the expected
 * calibration error over equal-width bins of confidence, and the reliability table behind it.
 */
public final class CalibrationReport {
  public static final int BINS = 15;

  private final long[] count = new long[BINS];
  private final double[] confidenceSum = new double[BINS];
  private final long[] correct = new long[BINS];
  private double nllSum;
  private long n;

  public static CalibrationReport of(List<Sentiment> truth, List<Prediction> predictions) {
    CalibrationReport r = new CalibrationReport();
    for (int i = 0; i < truth.size(); i++) {
      Prediction p = predictions.get(i);
      double confidence = p.confidence();
      int bin = Math.min(BINS - 1, (int) (confidence * BINS));
      r.count[bin]++;
      r.confidenceSum[bin] += confidence;
      if (p.label() == truth.get(i)) {
        r.correct[bin]++;
      }
      r.nllSum -= Math.log(Math.max(1e-12, p.probability(truth.get(i))));
      r.n++;
    }
    return r;
  }

  /** Sum over bins of (share of texts in the bin) x |accuracy - mean confidence| in it. */
  public double expectedCalibrationError() {
    double ece = 0;
    for (int b = 0; b < BINS; b++) {
      if (count[b] > 0) {
        ece += (double) count[b] / n * Math.abs(accuracy(b) - meanConfidence(b));
      }
    }
    return ece;
  }

  /** Mean negative log-likelihood (natural log) of the true labels. */
  public double negativeLogLikelihood() {
    return n == 0 ? 0 : nllSum / n;
  }

  public double meanConfidence() {
    double sum = 0;
    for (double s : confidenceSum) {
      sum += s;
    }
    return n == 0 ? 0 : sum / n;
  }

  private double meanConfidence(int bin) {
    return confidenceSum[bin] / count[bin];
  }

  private double accuracy(int bin) {
    return (double) correct[bin] / count[bin];
  }

  /** The figures as a JSON-ready map: ece, bins, nll, mean confidence and the non-empty bins. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ece", round(expectedCalibrationError()));
    out.put("bins", BINS);
    out.put("nll", round(negativeLogLikelihood()));
    out.put("mean_confidence", round(meanConfidence()));
    List<Map<String, Object>> table = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      if (count[b] > 0) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("from", round((double) b / BINS));
        row.put("to", round((double) (b + 1) / BINS));
        row.put("n", count[b]);
        row.put("mean_confidence", round(meanConfidence(b)));
        row.put("accuracy", round(accuracy(b)));
        table.add(row);
      }
    }
    out.put("reliability", table);
    return out;
  }

  public String toText() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "calibration: ECE=%.4f (%d equal-width bins of top probability)  "
        + "NLL=%.4f  mean confidence=%.4f%n", expectedCalibrationError(), BINS, negativeLogLikelihood(),
        meanConfidence()));
    s.append(String.format(Locale.ROOT, "%-13s %6s %10s %9s %8s%n", "confidence", "n", "mean conf", "accuracy",
        "gap"));
    for (int b = 0; b < BINS; b++) {
      if (count[b] > 0) {
        s.append(String.format(Locale.ROOT, "%.3f-%.3f   %6d %10.4f %9.4f %+8.4f%n", (double) b / BINS,
            (double) (b + 1) / BINS, count[b], meanConfidence(b), accuracy(b), accuracy(b) - meanConfidence(b)));
      }
    }
    return s.toString();
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
