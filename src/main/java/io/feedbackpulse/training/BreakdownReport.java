package io.feedbackpulse.training;

import io.feedbackpulse.inference.Prediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Figures of one scoring of a held-out split, broken down by source and by domain: macro-F1 on the
 * natural class mix and class-balanced (rows of the confusion matrix scaled to equal totals), with
 * accuracy and expected calibration error. Sources differ in size and class mix, so each gets its own row.
 */
public final class BreakdownReport {
  private final Map<String, Evaluation.Report> bySource;
  private final Map<String, Evaluation.Report> byDomain;
  private final Evaluation.Report all;

  private BreakdownReport(Map<String, Evaluation.Report> bySource, Map<String, Evaluation.Report> byDomain,
      Evaluation.Report all) {
    this.bySource = bySource;
    this.byDomain = byDomain;
    this.all = all;
  }

  public static BreakdownReport of(List<LabeledExample> examples, List<Prediction> predictions) {
    return new BreakdownReport(group(examples, predictions, LabeledExample::source),
        group(examples, predictions, LabeledExample::domain), Evaluation.Report.of(examples, predictions));
  }

  private static Map<String, Evaluation.Report> group(List<LabeledExample> examples, List<Prediction> predictions,
      Function<LabeledExample, String> key) {
    Map<String, List<Integer>> rows = new LinkedHashMap<>();
    for (int i = 0; i < examples.size(); i++) {
      rows.computeIfAbsent(key.apply(examples.get(i)), k -> new ArrayList<>()).add(i);
    }
    Map<String, Evaluation.Report> out = new LinkedHashMap<>();
    rows.forEach((name, index) -> out.put(name, Evaluation.Report.of(index.stream().map(examples::get).toList(),
        index.stream().map(predictions::get).toList())));
    return out;
  }

  public Map<String, Evaluation.Report> bySource() {
    return bySource;
  }

  public Map<String, Evaluation.Report> byDomain() {
    return byDomain;
  }

  public String toText() {
    return table("source", bySource) + table("domain", byDomain);
  }

  private String table(String what, Map<String, Evaluation.Report> reports) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%-30s %6s %9s %9s %9s %7s%n", "held-out split by " + what, "n", "accuracy",
        "macro-F1", "balanced", "ECE"));
    reports.forEach((name, r) -> s.append(row(name, r)));
    s.append(row("all", all));
    return s.toString();
  }

  private static String row(String name, Evaluation.Report r) {
    return String.format(Locale.ROOT, "%-30s %6d %9.4f %9.4f %9.4f %7.4f%n", name, r.classification().n(),
        r.classification().accuracy(), r.classification().macroF1(), r.classification().balancedMacroF1(),
        r.calibration().expectedCalibrationError());
  }

  /** by_source and by_domain: name to n, accuracy, macro_f1, balanced_macro_f1, ece. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("by_source", figures(bySource));
    out.put("by_domain", figures(byDomain));
    out.put("all", figures(all));
    return out;
  }

  private static Map<String, Object> figures(Map<String, Evaluation.Report> reports) {
    Map<String, Object> out = new LinkedHashMap<>();
    reports.forEach((name, r) -> out.put(name, figures(r)));
    return out;
  }

  private static Map<String, Object> figures(Evaluation.Report r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", r.classification().n());
    out.put("accuracy", round(r.classification().accuracy()));
    out.put("macro_f1", round(r.classification().macroF1()));
    out.put("balanced_macro_f1", round(r.classification().balancedMacroF1()));
    out.put("ece", round(r.calibration().expectedCalibrationError()));
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
