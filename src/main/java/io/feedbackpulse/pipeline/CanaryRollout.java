package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.models.GateVerdict;
import io.feedbackpulse.models.LiveAgreement;
import io.feedbackpulse.models.ModelLifecycle;
import io.feedbackpulse.models.ModelRegistry;
import io.feedbackpulse.models.Transition;
import io.feedbackpulse.quality.Confusion;
import io.feedbackpulse.quality.LabelsSince;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The canary rollout: the candidate serves each share of {@code pipeline.canary.steps} in turn, each held until
 * champion and candidate have been compared live on {@code pipeline.canary.min-items} items since the step began
 * ({@code model.comparison} windows, as {@code models promote} reads them). It moves on only while their agreement
 * is at least {@code models.gate.min-agreement} and, once each has {@code pipeline.canary.min-labelled} items whose
 * label arrived since the step began ({@code model.quality}), while the candidate's live macro-F1 on them is not
 * more than {@code models.gate.max-regression} below the champion's. A share of 1 is the promotion, through the
 * evaluate step's verdict and the live evidence. A step that fails either, or that gets too few comparisons within
 * {@code pipeline.canary.max-wait}, archives the candidate (the champion serves everything again) and ends the run
 * {@code rolled_back}; so does a cancel, noticed within a poll interval, ending it {@code cancelled}.
 */
public final class CanaryRollout {
  private static final double EPSILON = 1e-9;

  /** Champion-vs-challenger agreement from this time on; the {@code model.comparison} topic in production. */
  @FunctionalInterface
  public interface LiveEvidence {
    Optional<LiveAgreement> agreement(Set<String> championIds, Set<String> candidateIds, Instant since);
  }

  /** The labels that arrive from now on, per model; the {@code model.quality} topic in production. */
  @FunctionalInterface
  public interface LiveQuality {
    LabelsSince fromNow();
  }

  /** How a waiting step passes time: {@code Thread::sleep} in production. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  /** The {@code pipeline.canary.*} settings with the gate's agreement threshold and regression margin. */
  public record Options(List<Double> steps, long minItems, Duration maxWait, Duration pollInterval,
      double minAgreement, long minLabelled, double maxRegression) {}

  /** How a rollout ends. */
  public enum Ending { PROMOTED, ROLLED_BACK, REFUSED, CANCELLED }

  /** How the rollout ended, in one line, and the evidence of each step. */
  public record Outcome(Ending ending, String message, Map<String, String> evidence) {}

  private final Options options;
  private final PipelineRunner.Registry registry;
  private final LiveEvidence evidence;
  private final LiveQuality quality;
  private final Pause pause;
  private final Clock clock;

  public CanaryRollout(Options options, PipelineRunner.Registry registry, LiveEvidence evidence, LiveQuality quality,
      Pause pause, Clock clock) {
    this.options = options;
    this.registry = registry;
    this.evidence = evidence;
    this.quality = quality;
    this.pause = pause;
    this.clock = clock;
  }

  /** @param cancelled asked at each poll: true archives the candidate and ends the rollout {@code CANCELLED} */
  public Outcome roll(String version, GateVerdict evaluated, BooleanSupplier cancelled) throws InterruptedException {
    Map<String, String> found = new LinkedHashMap<>();
    String live = "";
    for (double share : options.steps()) {
      if (share >= 1.0) {
        Transition promoted = lifecycle().promote(version, GateVerdict.passed(evaluated.findings() + live));
        return finish(promoted, found);
      }
      Transition canary = lifecycle().canary(version, share);
      if (canary instanceof Transition.Refused) {
        return new Outcome(Ending.REFUSED, canary.message(), found);
      }
      write(canary);
      String key = "canary." + share;
      Optional<LiveAgreement> agreement;
      Optional<String> worse;
      try (LabelsSince labels = quality.fromNow()) {
        Instant began = clock.instant();
        agreement = awaitComparisons(version, began, cancelled);
        recordAgreement(key, agreement, found);
        if (cancelled.getAsBoolean()) {
          return rollBack(Ending.CANCELLED, version, PipelineRunner.CANCELLED + format(" at share %.2f", share),
              found);
        }
        if (agreement.isEmpty() || agreement.get().n() < options.minItems()) {
          return rollBack(Ending.ROLLED_BACK, version, format("at share %.2f fewer than pipeline.canary.min-items "
              + "%d items were compared within pipeline.canary.max-wait %s", share, options.minItems(),
              options.maxWait()), found);
        }
        if (agreement.get().agreement() < options.minAgreement()) {
          return rollBack(Ending.ROLLED_BACK, version, format("at share %.2f live agreement %.4f over %d items is "
              + "below models.gate.min-agreement %.4f", share, agreement.get().agreement(), agreement.get().n(),
              options.minAgreement()), found);
        }
        worse = judgeQuality(version, share, key, labels, found);
      }
      if (worse.isPresent()) {
        return rollBack(Ending.ROLLED_BACK, version, worse.get(), found);
      }
      live = format("; live agreement %.4f over %d items", agreement.get().agreement(), agreement.get().n())
          + "; live quality " + found.get(key + ".quality");
    }
    throw new IllegalStateException("pipeline.canary.steps end before a share of 1");
  }

  private static void recordAgreement(String key, Optional<LiveAgreement> agreement, Map<String, String> found) {
    found.put(key + ".n", Long.toString(agreement.map(LiveAgreement::n).orElse(0L)));
    agreement.ifPresent(a -> found.put(key + ".agreement", format("%.4f", a.agreement())));
  }

  /**
   * Records both models' live figures on the labels that arrived during the step; the reason to roll back when the
   * candidate's macro-F1 is worse by more than the margin and both have enough labelled items.
   */
  private Optional<String> judgeQuality(String version, double share, String key, LabelsSince labels,
      Map<String, String> found) {
    ModelRegistry now = registry.read();
    Confusion champion = labels.of(ModelRegistry.idsOf(now.champion().orElseThrow()));
    Confusion candidate = labels.of(ModelRegistry.idsOf(now.version(version).orElseThrow()));
    figures(key + ".quality.champion", champion, found);
    figures(key + ".quality.candidate", candidate, found);
    long fewest = Math.min(champion.labelled(), candidate.labelled());
    if (fewest < options.minLabelled()) {
      found.put(key + ".quality", format("%d labelled items, below pipeline.canary.min-labelled %d: not judged",
          fewest, options.minLabelled()));
      return Optional.empty();
    }
    String figures = format("macro-F1 %.4f of %s over %d labelled items against %.4f of the champion over %d",
        candidate.macroF1(), version, candidate.labelled(), champion.macroF1(), champion.labelled());
    if (candidate.macroF1() < champion.macroF1() - options.maxRegression() - EPSILON) {
      found.put(key + ".quality", "worse: " + figures);
      return Optional.of(format("at share %.2f live ", share) + figures + format(" is below by more than "
          + "models.gate.max-regression %.4f", options.maxRegression()));
    }
    found.put(key + ".quality", figures);
    return Optional.empty();
  }

  private static void figures(String key, Confusion c, Map<String, String> found) {
    found.put(key + ".labelled", Long.toString(c.labelled()));
    if (c.labelled() > 0) {
      found.put(key + ".macro_f1", format("%.4f", c.macroF1()));
      found.put(key + ".accuracy", format("%.4f", c.accuracy()));
    }
  }

  /** The agreement once enough items were compared, at the deadline, or at a cancel. */
  private Optional<LiveAgreement> awaitComparisons(String version, Instant since, BooleanSupplier cancelled)
      throws InterruptedException {
    Instant deadline = since.plus(options.maxWait());
    while (true) {
      ModelRegistry now = registry.read();
      ModelManifest champion = now.champion().orElseThrow();
      ModelManifest candidate = now.version(version).orElseThrow();
      Optional<LiveAgreement> agreement = evidence.agreement(ModelRegistry.idsOf(champion),
          ModelRegistry.idsOf(candidate), since);
      boolean enough = agreement.map(a -> a.n() >= options.minItems()).orElse(false);
      if (enough || cancelled.getAsBoolean() || !clock.instant().isBefore(deadline)) {
        return agreement;
      }
      pause.pause(options.pollInterval());
    }
  }

  private Outcome rollBack(Ending ending, String version, String why, Map<String, String> found) {
    Transition archived = lifecycle().archive(version);
    write(archived);
    return new Outcome(ending, why + "; " + archived.message(), found);
  }

  private Outcome finish(Transition transition, Map<String, String> found) {
    if (transition instanceof Transition.Refused) {
      return new Outcome(Ending.REFUSED, transition.message(), found);
    }
    write(transition);
    return new Outcome(Ending.PROMOTED, transition.message(), found);
  }

  private void write(Transition transition) {
    if (transition instanceof Transition.Changed changed) {
      registry.write(changed.writes());
    }
  }

  private ModelLifecycle lifecycle() {
    return new ModelLifecycle(registry.read(), ModelLifecycle.Actor.currentUser());
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
