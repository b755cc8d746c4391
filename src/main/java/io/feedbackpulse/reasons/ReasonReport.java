package io.feedbackpulse.reasons;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Accuracy, macro-F1, per-reason precision/recall/F1 and the confusion matrix of reasons given against reasons
 * known. The reasons are the taxonomy's, and {@code other} where the truth or a prediction holds it; macro-F1 averages
 * over those with a known or a predicted item.
 */
public final class ReasonReport {
  private final List<String> labels;
  private final long[][] confusion;
  private final long n;
  private final long topCorrect;

  private ReasonReport(List<String> labels, long[][] confusion, long n, long topCorrect) {
    this.labels = labels;
    this.confusion = confusion;
    this.n = n;
    this.topCorrect = topCorrect;
  }

  /**
   * @param truth the known reason of each text
   * @param given the reason given (the first of its reasons, or other)
   * @param best the best-scoring reason whatever its score: how well the reasons rank, before {@code min-score}
   */
  public static ReasonReport of(List<String> names, List<String> truth, List<String> given, List<String> best) {
    List<String> labels = new ArrayList<>(names);
    if (truth.contains(ReasonTaxonomy.OTHER) || given.contains(ReasonTaxonomy.OTHER)) {
      labels.add(ReasonTaxonomy.OTHER);
    }
    long[][] confusion = new long[labels.size()][labels.size()];
    long topCorrect = 0;
    for (int i = 0; i < truth.size(); i++) {
      confusion[labels.indexOf(truth.get(i))][labels.indexOf(given.get(i))]++;
      topCorrect += truth.get(i).equals(best.get(i)) ? 1 : 0;
    }
    return new ReasonReport(List.copyOf(labels), confusion, truth.size(), topCorrect);
  }

  public double accuracy() {
    long correct = 0;
    for (int i = 0; i < labels.size(); i++) {
      correct += confusion[i][i];
    }
    return n == 0 ? 0 : (double) correct / n;
  }

  /** The share of texts whose best-scoring reason is the known one, min-score aside. */
  public double topAccuracy() {
    return n == 0 ? 0 : (double) topCorrect / n;
  }

  /** The share of texts given {@code other}. */
  public double otherShare() {
    int o = labels.indexOf(ReasonTaxonomy.OTHER);
    if (o < 0 || n == 0) {
      return 0;
    }
    long given = 0;
    for (long[] row : confusion) {
      given += row[o];
    }
    return (double) given / n;
  }

  public double precision(int c) {
    long predicted = 0;
    for (long[] row : confusion) {
      predicted += row[c];
    }
    return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
  }

  public double recall(int c) {
    long actual = 0;
    for (long v : confusion[c]) {
      actual += v;
    }
    return actual == 0 ? 0 : (double) confusion[c][c] / actual;
  }

  public double f1(int c) {
    double p = precision(c);
    double r = recall(c);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  public double macroF1() {
    double sum = 0;
    int counted = 0;
    for (int c = 0; c < labels.size(); c++) {
      if (support(c) > 0 || predicted(c) > 0) {
        sum += f1(c);
        counted++;
      }
    }
    return counted == 0 ? 0 : sum / counted;
  }

  private long support(int c) {
    long actual = 0;
    for (long v : confusion[c]) {
      actual += v;
    }
    return actual;
  }

  private long predicted(int c) {
    long predicted = 0;
    for (long[] row : confusion) {
      predicted += row[c];
    }
    return predicted;
  }

  public List<String> labels() {
    return labels;
  }

  public long[][] confusion() {
    long[][] copy = new long[confusion.length][];
    for (int i = 0; i < confusion.length; i++) {
      copy[i] = confusion[i].clone();
    }
    return copy;
  }

  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "reasons: %d texts, accuracy %.4f, macro-F1 %.4f, best-scoring reason "
        + "right %.4f, other %.4f%n", n, accuracy(), macroF1(), topAccuracy(), otherShare()));
    int width = Math.max(6, labels.stream().mapToInt(String::length).max().orElse(6));
    out.append(String.format(Locale.ROOT, "%-" + width + "s %9s %9s %9s %7s%n", "reason", "precision", "recall", "F1",
        "n"));
    for (int c = 0; c < labels.size(); c++) {
      out.append(String.format(Locale.ROOT, "%-" + width + "s %9.4f %9.4f %9.4f %7d%n", labels.get(c), precision(c),
          recall(c), f1(c), support(c)));
    }
    out.append("confusion (rows: known reason, columns: given, in the order above; only the non-zero cells):\n");
    for (int t = 0; t < labels.size(); t++) {
      StringBuilder row = new StringBuilder();
      for (int p = 0; p < labels.size(); p++) {
        if (confusion[t][p] > 0) {
          row.append(row.length() == 0 ? "" : ", ").append(labels.get(p)).append(' ').append(confusion[t][p]);
        }
      }
      out.append("  ").append(labels.get(t)).append(": ").append(row).append('\n');
    }
    return out.toString();
  }

  /** The figures as {@code evaluate --json} writes them under "reasons". */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", n);
    m.put("accuracy", accuracy());
    m.put("macro_f1", macroF1());
    m.put("top_accuracy", topAccuracy());
    m.put("other_share", otherShare());
    Map<String, Object> per = new LinkedHashMap<>();
    for (int c = 0; c < labels.size(); c++) {
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("precision", precision(c));
      figures.put("recall", recall(c));
      figures.put("f1", f1(c));
      figures.put("n", support(c));
      per.put(labels.get(c), figures);
    }
    m.put("per_reason", per);
    m.put("labels", labels);
    List<List<Long>> rows = new ArrayList<>();
    for (long[] row : confusion) {
      List<Long> r = new ArrayList<>();
      for (long v : row) {
        r.add(v);
      }
      rows.add(r);
    }
    m.put("confusion", rows);
    return m;
  }
}
