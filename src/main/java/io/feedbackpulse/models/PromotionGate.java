package io.feedbackpulse.models;

import io.feedbackpulse.avro.ModelEvaluation;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.config.Settings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a version may replace the champion, from figures already in the manifests (see {@link
 * GateEvaluations} for how they get there) and the live agreement of the two. It refuses when the challenger's
 * macro-F1 is more than {@code models.gate.max-regression} below the champion's on the same evaluation set (exactly
 * that much below passes), when it is below {@code models.gate.min-macro-f1}, when the figures compared count fewer
 * items than {@code models.gate.min-eval-items}, or when the live agreement is below
 * {@code models.gate.min-agreement}. Figures are only comparable on the same set, so without a common set the gate
 * refuses rather than compare numbers from different data. No live comparison skips the agreement check, and the
 * verdict says so.
 */
public final class PromotionGate {
  /** The gate is decided on four decimals; this keeps 0.70 - 0.01 from refusing 0.69 by a rounding error. */
  private static final double EPSILON = 1e-9;

  /**
   * The gate's settings; {@code minEvalItems} also holds for figures already recorded (by a version before the
   * minimums, or with them lowered), which a promote without {@code --eval} compares.
   */
  public record Thresholds(double maxRegression, double minMacroF1, double minAgreement, int minEvalItems) {
    public static Thresholds from(Settings s) {
      return new Thresholds(s.decimal("models.gate.max-regression"), s.decimal("models.gate.min-macro-f1"),
          s.decimal("models.gate.min-agreement"), EvalSetMinimums.from(s).items());
    }
  }

  private final Thresholds thresholds;

  public PromotionGate(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /**
   * @param evalSetHash the set to compare on (that of {@code --eval}); empty: the newest set both have figures on
   * @param agreement the live agreement of this champion and this challenger, if they were compared
   */
  public GateVerdict judge(Optional<ModelManifest> champion, ModelManifest challenger, Optional<String> evalSetHash,
      Optional<LiveAgreement> agreement) {
    Optional<String> set = evalSetHash.or(() -> newestCommonSet(champion, challenger));
    Optional<ModelEvaluation> mine = set.flatMap(h -> figures(challenger, h));
    Optional<ModelEvaluation> theirs = set.flatMap(h -> champion.flatMap(c -> figures(c, h)));
    List<String> refusals = new ArrayList<>();
    List<String> findings = new ArrayList<>();
    String name = challenger.getVersion();
    if (champion.isEmpty()) {
      findings.add("no champion to compare " + name + " with");
    } else if (mine.isEmpty() || theirs.isEmpty()) {
      refusals.add("no figures of both " + name + " and champion " + champion.get().getVersion()
          + " on one evaluation set (give --eval FILE)");
    } else {
      ModelEvaluation a = mine.get();
      ModelEvaluation b = theirs.get();
      String theirFigure = format("%.4f of champion %s", b.getMacroF1(), champion.get().getVersion());
      String on = format(" on %s (n=%d)", a.getEvalSetName(), a.getN());
      if (a.getN() < thresholds.minEvalItems()) {
        refusals.add(format("the figures of %s and champion %s%s count fewer items than "
            + "models.gate.min-eval-items %d (give --eval FILE with enough)", name, champion.get().getVersion(), on,
            thresholds.minEvalItems()));
      } else if (a.getMacroF1() < b.getMacroF1() - thresholds.maxRegression() - EPSILON) {
        refusals.add(format("macro-F1 %.4f of %s is below %s minus models.gate.max-regression %.4f",
            a.getMacroF1(), name, theirFigure, thresholds.maxRegression()) + on);
      } else {
        findings.add(format("macro-F1 %.4f of %s vs %s", a.getMacroF1(), name, theirFigure) + on);
      }
    }
    if (thresholds.minMacroF1() > 0) {
      if (mine.isEmpty()) {
        refusals.add(format("no figures of %s to hold against models.gate.min-macro-f1 %.4f (give --eval FILE)",
            name, thresholds.minMacroF1()));
      } else if (mine.get().getMacroF1() < thresholds.minMacroF1() - EPSILON) {
        refusals.add(format("macro-F1 %.4f of %s is below models.gate.min-macro-f1 %.4f", mine.get().getMacroF1(),
            name, thresholds.minMacroF1()));
      }
    }
    if (champion.isPresent()) {
      if (agreement.isEmpty() || agreement.get().n() == 0) {
        findings.add("no live comparison of the two: agreement not checked");
      } else if (agreement.get().agreement() < thresholds.minAgreement() - EPSILON) {
        refusals.add(format("live agreement %.4f over %d items is below models.gate.min-agreement %.4f",
            agreement.get().agreement(), agreement.get().n(), thresholds.minAgreement()));
      } else {
        findings.add(format("live agreement %.4f over %d items", agreement.get().agreement(), agreement.get().n()));
      }
    }
    return refusals.isEmpty() ? GateVerdict.passed(String.join("; ", findings))
        : GateVerdict.refused(String.join("; ", refusals));
  }

  static Optional<ModelEvaluation> figures(ModelManifest m, String evalSetHash) {
    return m.getEvaluations().stream().filter(e -> e.getEvalSetHash().equals(evalSetHash))
        .max(Comparator.comparing(ModelEvaluation::getEvaluatedAt));
  }

  /** The set of the challenger's newest figures that the champion has figures on too (any, without a champion). */
  private static Optional<String> newestCommonSet(Optional<ModelManifest> champion, ModelManifest challenger) {
    return challenger.getEvaluations().stream()
        .sorted(Comparator.comparing(ModelEvaluation::getEvaluatedAt).reversed())
        .map(ModelEvaluation::getEvalSetHash)
        .filter(h -> champion.map(c -> figures(c, h).isPresent()).orElse(true))
        .findFirst();
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
