package io.feedbackpulse.training;

import io.feedbackpulse.inference.Sentiment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix of predictions. */
public final class ClassificationReport {
  private final long[][] confusion = new long[3][3];
  private long n;

  public static ClassificationReport of(List<Sentiment> truth, List<Sentiment> predicted) {
    ClassificationReport r = new ClassificationReport();
    for (int i = 0; i < truth.size(); i++) {
      r.confusion[truth.get(i).index()][predicted.get(i).index()]++;
      r.n++;
    }
    return r;
  }

  public long n() {
    return n;
  }

  /** Rows: true label; columns: predicted label; both in negative, neutral, positive order. */
  public long[][] confusion() {
    long[][] copy = new long[3][];
    for (int i = 0; i < 3; i++) {
      copy[i] = confusion[i].clone();
    }
    return copy;
  }

  public double accuracy() {
    long correct = 0;
    for (int i = 0; i < 3; i++) {
      correct += confusion[i][i];
    }
    return n == 0 ? 0 : (double) correct / n;
  }

  public double precision(Sentiment s) {
    int c = s.index();
    long predicted = confusion[0][c] + confusion[1][c] + confusion[2][c];
    return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
  }

  public double recall(Sentiment s) {
    int c = s.index();
    long actual = confusion[c][0] + confusion[c][1] + confusion[c][2];
    return actual == 0 ? 0 : (double) confusion[c][c] / actual;
  }

  public double f1(Sentiment s) {
    double p = precision(s);
    double r = recall(s);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  public long support(Sentiment s) {
    int c = s.index();
    return confusion[c][0] + confusion[c][1] + confusion[c][2];
  }

  public double macroF1() {
    double sum = 0;
    for (Sentiment s : Sentiment.values()) {
      sum += f1(s);
    }
    return sum / 3;
  }

  /**
   * Macro-F1 as it would be on a sample with equal counts per class: each row of the confusion
   * matrix is scaled to the same total before precision and recall are taken.
   */
  public double balancedMacroF1() {
    double[][] rows = new double[3][3];
    for (int t = 0; t < 3; t++) {
      long total = confusion[t][0] + confusion[t][1] + confusion[t][2];
      for (int p = 0; p < 3; p++) {
        rows[t][p] = total == 0 ? 0 : (double) confusion[t][p] / total;
      }
    }
    double sum = 0;
    for (int c = 0; c < 3; c++) {
      double predicted = rows[0][c] + rows[1][c] + rows[2][c];
      double precision = predicted == 0 ? 0 : rows[c][c] / predicted;
      double recall = rows[c][c];
      sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
    return sum / 3;
  }

  /** The figures as a JSON-ready map: n, accuracy, macro_f1, per_class, confusion. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", n);
    out.put("accuracy", round(accuracy()));
    out.put("macro_f1", round(macroF1()));
    Map<String, Object> perClass = new LinkedHashMap<>();
    for (Sentiment s : Sentiment.values()) {
      perClass.put(s.label(), Map.of("precision", round(precision(s)), "recall", round(recall(s)),
          "f1", round(f1(s)), "support", support(s)));
    }
    out.put("per_class", perClass);
    out.put("confusion", Map.of("labels", List.of("negative", "neutral", "positive"), "rows_true_columns_predicted",
        List.of(List.of(confusion[0][0], confusion[0][1], confusion[0][2]),
            List.of(confusion[1][0], confusion[1][1], confusion[1][2]),
            List.of(confusion[2][0], confusion[2][1], confusion[2][2]))));
    return out;
  }

  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "n=%d  accuracy=%.4f  macro-F1=%.4f%n", n, accuracy(), macroF1()));
    b.append(String.format(Locale.ROOT, "%-10s %9s %9s %9s %9s%n", "class", "precision", "recall", "f1", "support"));
    for (Sentiment s : Sentiment.values()) {
      b.append(String.format(Locale.ROOT, "%-10s %9.4f %9.4f %9.4f %9d%n", s.label(), precision(s), recall(s),
          f1(s), support(s)));
    }
    b.append("confusion (rows true, columns predicted: negative neutral positive)\n");
    for (Sentiment s : Sentiment.values()) {
      long[] row = confusion[s.index()];
      b.append(String.format(Locale.ROOT, "%-10s %9d %9d %9d%n", s.label(), row[0], row[1], row[2]));
    }
    return b.toString();
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
