package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.ModelEvaluation;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.models.EvalSet;
import io.feedbackpulse.models.EvalSetMinimums;
import io.feedbackpulse.models.GateEvaluations;
import io.feedbackpulse.models.GateVerdict;
import io.feedbackpulse.models.PromotionGate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The evaluate step: candidate and champion measured on each set as {@code models promote --eval} measures them
 * ({@link GateEvaluations}), and each pair judged by the promotion gate ({@link PromotionGate}), so a gain on one set
 * cannot hide a loss on another: the candidate passes only where every set passes. The run's own held-out split is
 * judged without {@code models.gate.min-eval-items} (its size follows the snapshot's); the deployment's evaluation
 * sets ({@code pipeline.eval-sets}, {@code --eval}) are held to the gate's minimums like any {@code --eval} file.
 */
public final class CandidateEvaluation {
  private final GateEvaluations evaluations;
  private final PromotionGate.Thresholds thresholds;
  private final EvalSetMinimums minimums;

  public CandidateEvaluation(GateEvaluations evaluations, PromotionGate.Thresholds thresholds,
      EvalSetMinimums minimums) {
    this.evaluations = evaluations;
    this.thresholds = thresholds;
    this.minimums = minimums;
  }

  /** The manifests with their figures on every set, the combined verdict and the figures as the step's outputs. */
  public record Result(ModelManifest candidate, Optional<ModelManifest> champion, GateVerdict verdict,
      Map<String, String> figures) {}

  /**
   * @param heldOut the run's held-out split
   * @param evalSets the deployment's fixed evaluation sets
   */
  public Result evaluate(ModelManifest candidate, Optional<ModelManifest> champion, EvalSet heldOut,
      List<EvalSet> evalSets) {
    Map<String, String> figures = new LinkedHashMap<>();
    List<String> refusals = new ArrayList<>();
    List<String> findings = new ArrayList<>();
    List<EvalSet> all = new ArrayList<>();
    all.add(heldOut);
    all.addAll(evalSets);
    for (EvalSet set : all) {
      boolean own = set == heldOut;
      String name = own ? "held-out" : set.name();
      Optional<String> tooSmall = own ? Optional.empty() : minimums.shortfall(set);
      if (tooSmall.isPresent()) {
        refusals.add(tooSmall.get());
        continue;
      }
      candidate = measured(candidate, set);
      champion = champion.map(c -> measured(c, set));
      put(figures, name, "candidate", candidate, set);
      champion.ifPresent(c -> put(figures, name, "champion", c, set));
      PromotionGate gate = new PromotionGate(own ? new PromotionGate.Thresholds(thresholds.maxRegression(),
          thresholds.minMacroF1(), thresholds.minAgreement(), 0) : thresholds);
      GateVerdict verdict = gate.judge(champion, candidate, Optional.of(set.hash()), Optional.empty());
      (verdict.passed() ? findings : refusals).add(name + ": " + verdict.findings());
    }
    GateVerdict verdict = refusals.isEmpty() ? GateVerdict.passed(String.join("; ", findings))
        : GateVerdict.refused(String.join("; ", refusals));
    return new Result(candidate, champion, verdict, figures);
  }

  private ModelManifest measured(ModelManifest m, EvalSet set) {
    List<ModelManifest> missing = evaluations.missingFigures(List.of(m), set);
    return missing.isEmpty() ? m : missing.get(0);
  }

  private static void put(Map<String, String> figures, String setName, String who, ModelManifest m, EvalSet set) {
    ModelEvaluation e = m.getEvaluations().stream().filter(x -> x.getEvalSetHash().equals(set.hash()))
        .reduce((a, b) -> b).orElseThrow();
    String prefix = setName + "." + who + ".";
    figures.put(setName + ".n", Long.toString(e.getN()));
    figures.put(prefix + "version", m.getVersion());
    figures.put(prefix + "macro_f1", String.format(Locale.ROOT, "%.4f", e.getMacroF1()));
    figures.put(prefix + "ece", e.getEce() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", e.getEce()));
  }
}
