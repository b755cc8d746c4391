package io.feedbackpulse.cli;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.models.EvalSet;
import io.feedbackpulse.models.EvalSetMinimums;
import io.feedbackpulse.models.GateEvaluations;
import io.feedbackpulse.models.GateVerdict;
import io.feedbackpulse.models.LiveAgreement;
import io.feedbackpulse.models.ModelRegistry;
import io.feedbackpulse.models.PromotionGate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Makes a version the champion, through the quality gate. */
@Command(name = "promote", mixinStandardHelpOptions = true,
    description = {"Make version V the champion, served by every instance, if the gate allows: with --eval, "
        + "champion and V are measured on FILE (unless the registry has their figures on that file's SHA-256) and "
        + "the figures are recorded; V is refused when its macro-F1 is more than models.gate.max-regression "
        + "(0.01) below the champion's, below models.gate.min-macro-f1, or when their live agreement "
        + "(model.comparison) is below models.gate.min-agreement.",
        "FILE must hold models.gate.min-eval-items (200) rows, models.gate.min-per-class (20) of each label, or "
            + "the gate refuses before measuring. Figures on one file never replace those on another; figures "
            + "recorded on FILE's SHA-256 that the file contradicts are an error.",
        "Without --eval the newest figures both have on one set are compared. The first champion is only held "
            + "against models.gate.min-macro-f1. The former champion goes back to candidate; rollback restores it.",
        "--force promotes past a refusal and records that it did, with what the gate found."})
public final class ModelsPromoteCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "V", description = "The version")
  String version;

  @Option(names = "--eval", paramLabel = "FILE",
      description = "A labeled CSV (as evaluate --data reads) to measure champion and V on; at least "
          + "models.gate.min-eval-items rows, models.gate.min-per-class of each label")
  Path eval;

  @Option(names = "--force", description = "Promote even if the gate refuses; recorded in the history")
  boolean force;

  @Mixin
  ModelsOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Optional<EvalSet> set = eval == null ? Optional.empty() : Optional.of(EvalSet.read(eval));
    ModelsSession session = options.open();
    Settings settings = session.settings();
    ModelRegistry registry = session.read();
    Optional<ModelManifest> candidate = registry.version(version);
    // An unknown version or the champion itself is answered by the lifecycle before any gate is asked.
    GateVerdict verdict = GateVerdict.refused("was not asked");
    boolean gated = candidate.isPresent() && candidate.get().getStage() != ModelStage.champion;
    Optional<String> tooSmall = set.flatMap(EvalSetMinimums.from(settings)::shortfall);
    if (gated && tooSmall.isPresent()) {
      // Not measured, so nothing from this set gets into the registry, forced or not.
      verdict = GateVerdict.refused(tooSmall.get());
    } else if (gated) {
      Optional<ModelManifest> champion = registry.champion();
      if (set.isPresent()) {
        List<ModelManifest> measured = new ArrayList<>();
        champion.ifPresent(measured::add);
        measured.add(candidate.get());
        List<ModelManifest> figures = new GateEvaluations(session.fetcher(), InferenceOptions.DEFAULT,
            Clock.systemUTC()).missingFigures(measured, set.get());
        if (!figures.isEmpty()) {
          // Recorded whatever the gate decides: the next promote on the same file need not measure again.
          session.write(figures);
          registry = registry.with(figures);
        }
      }
      Optional<LiveAgreement> agreement = champion.flatMap(c -> session.comparisons().agreement(ModelRegistry.idsOf(c),
          ModelRegistry.idsOf(candidate.get()),
          Instant.now().minus(settings.duration("models.gate.agreement-lookback"))));
      verdict = new PromotionGate(PromotionGate.Thresholds.from(settings)).judge(registry.champion(),
          registry.version(version).orElseThrow(), set.map(EvalSet::hash), agreement);
    }
    if (gated && force) {
      verdict = verdict.overriddenByForce();
    }
    return session.finish(session.lifecycle(registry).promote(version, verdict), spec);
  }
}
