package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.models.GateVerdict;
import io.feedbackpulse.models.LiveAgreement;
import io.feedbackpulse.models.ModelLifecycle;
import io.feedbackpulse.models.ModelRegistry;
import io.feedbackpulse.models.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The canary rollout: the candidate serves each share of {@code pipeline.canary.steps} in turn, each held until
 * champion and candidate have been compared live on {@code pipeline.canary.min-items} items since the step began
 * ({@code model.comparison} windows, as {@code models promote} reads them), and moves on only while their agreement
 * is at least {@code models.gate.min-agreement}. A share of 1 is the promotion, through the evaluate step's verdict
 * and the live agreement. A step that disagrees too much, or that gets too few comparisons within
 * {@code pipeline.canary.max-wait}, archives the candidate (the champion serves everything again) and ends the run
 * {@code rolled_back}. Live quality (labels arriving meanwhile) is not judged yet: only agreement.
 */
public final class CanaryRollout {
  /** Champion-vs-challenger agreement from this time on; the {@code model.comparison} topic in production. */
  @FunctionalInterface
  public interface LiveEvidence {
    Optional<LiveAgreement> agreement(Set<String> championIds, Set<String> candidateIds, Instant since);
  }

  /** How a waiting step passes time: {@code Thread::sleep} in production. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  /** The {@code pipeline.canary.*} settings with the gate's agreement threshold. */
  public record Options(List<Double> steps, long minItems, Duration maxWait, Duration pollInterval,
      double minAgreement) {}

  /** How a rollout ends. */
  public enum Ending { PROMOTED, ROLLED_BACK, REFUSED }

  /** How the rollout ended, in one line, and the evidence of each step. */
  public record Outcome(Ending ending, String message, Map<String, String> evidence) {}

  private final Options options;
  private final PipelineRunner.Registry registry;
  private final LiveEvidence evidence;
  private final Pause pause;
  private final Clock clock;

  public CanaryRollout(Options options, PipelineRunner.Registry registry, LiveEvidence evidence, Pause pause,
      Clock clock) {
    this.options = options;
    this.registry = registry;
    this.evidence = evidence;
    this.pause = pause;
    this.clock = clock;
  }

  public Outcome roll(String version, GateVerdict evaluated) throws InterruptedException {
    Map<String, String> found = new LinkedHashMap<>();
    Optional<LiveAgreement> last = Optional.empty();
    for (double share : options.steps()) {
      if (share >= 1.0) {
        String live = last.map(a -> format("; live agreement %.4f over %d items", a.agreement(), a.n())).orElse("");
        Transition promoted = lifecycle().promote(version, GateVerdict.passed(evaluated.findings() + live));
        return finish(promoted, found);
      }
      Transition canary = lifecycle().canary(version, share);
      if (canary instanceof Transition.Refused) {
        return new Outcome(Ending.REFUSED, canary.message(), found);
      }
      write(canary);
      Instant began = clock.instant();
      Optional<LiveAgreement> agreement = awaitComparisons(version, began);
      String key = "canary." + share;
      found.put(key + ".n", Long.toString(agreement.map(LiveAgreement::n).orElse(0L)));
      agreement.ifPresent(a -> found.put(key + ".agreement", format("%.4f", a.agreement())));
      if (agreement.isEmpty() || agreement.get().n() < options.minItems()) {
        return rollBack(version, format("at share %.2f fewer than pipeline.canary.min-items %d items were compared "
            + "within pipeline.canary.max-wait %s", share, options.minItems(), options.maxWait()), found);
      }
      if (agreement.get().agreement() < options.minAgreement()) {
        return rollBack(version, format("at share %.2f live agreement %.4f over %d items is below "
            + "models.gate.min-agreement %.4f", share, agreement.get().agreement(), agreement.get().n(),
            options.minAgreement()), found);
      }
      last = agreement;
    }
    throw new IllegalStateException("pipeline.canary.steps end before a share of 1");
  }

  private Optional<LiveAgreement> awaitComparisons(String version, Instant since) throws InterruptedException {
    Instant deadline = since.plus(options.maxWait());
    while (true) {
      ModelRegistry now = registry.read();
      ModelManifest champion = now.champion().orElseThrow();
      ModelManifest candidate = now.version(version).orElseThrow();
      Optional<LiveAgreement> agreement = evidence.agreement(ModelRegistry.idsOf(champion),
          ModelRegistry.idsOf(candidate), since);
      boolean enough = agreement.map(a -> a.n() >= options.minItems()).orElse(false);
      if (enough || !clock.instant().isBefore(deadline)) {
        return agreement;
      }
      pause.pause(options.pollInterval());
    }
  }

  private Outcome rollBack(String version, String why, Map<String, String> found) {
    Transition archived = lifecycle().archive(version);
    write(archived);
    return new Outcome(Ending.ROLLED_BACK, why + "; " + archived.message(), found);
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
