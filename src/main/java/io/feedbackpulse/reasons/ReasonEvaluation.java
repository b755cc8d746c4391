package io.feedbackpulse.reasons;

import java.util.ArrayList;
import java.util.List;

/** Scores labeled texts with a taxonomy and compares the reasons given with the known ones. */
public final class ReasonEvaluation {
  private ReasonEvaluation() {}

  /**
   * @throws MalformedReasonCsvException when a known reason is neither the taxonomy's nor {@code other}
   */
  public static ReasonReport run(ReasonScorer scorer, List<LabeledReason> labeled, String dataName) {
    List<String> names = scorer.names();
    for (LabeledReason l : labeled) {
      if (!names.contains(l.reason()) && !l.reason().equals(ReasonTaxonomy.OTHER)) {
        throw new MalformedReasonCsvException(dataName, 0, "reason '" + l.reason() + "' is not in the taxonomy "
            + "(nor '" + ReasonTaxonomy.OTHER + "')", null);
      }
    }
    List<String> texts = labeled.stream().map(LabeledReason::text).toList();
    List<double[]> scores = scorer.scores(texts);
    List<String> given = new ArrayList<>();
    List<String> best = new ArrayList<>();
    for (double[] s : scores) {
      given.add(scorer.chosen(s).get(0).name());
      int top = 0;
      for (int r = 1; r < s.length; r++) {
        if (s[r] > s[top]) {
          top = r;
        }
      }
      best.add(names.get(top));
    }
    return ReasonReport.of(names, labeled.stream().map(LabeledReason::reason).toList(), given, best);
  }
}
