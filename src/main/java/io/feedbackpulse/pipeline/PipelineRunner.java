package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.ModelEvaluation;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.avro.PipelineStepStatus;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.models.EvalSet;
import io.feedbackpulse.models.GateEvaluations;
import io.feedbackpulse.models.ManifestDraft;
import io.feedbackpulse.models.ModelLifecycle;
import io.feedbackpulse.models.ModelRegistry;
import io.feedbackpulse.models.ModelStoreUpload;
import io.feedbackpulse.models.Transition;
import io.feedbackpulse.quality.DatasetCsv;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One run of the training pipeline, in this process: snapshot, data checks, train, evaluate, register, roll out. Each
 * step's start and end is written to the run's record; a gate that refuses ends the run {@code refused} with the
 * step and its reason, an error ends it {@code failed}, and nothing after that step happens: a refused candidate is
 * never registered, and the champion stays as it was.
 */
public final class PipelineRunner {
  /** The model registry as the {@code models} commands see it: read, and write a change in one transaction. */
  public interface Registry {
    ModelRegistry read();

    void write(List<ModelManifest> manifests);
  }

  /** What a run is asked to take: all channels when {@code channels} is empty, all times when {@code since} is. */
  public record Request(String runId, String trigger, List<String> channels, Optional<Instant> since,
      List<EvalSet> extraEvalSets) {}

  private final PipelineOptions options;
  private final Supplier<List<LabelledFeedback>> labelled;
  private final DatasetCsv csv;
  private final Registry registry;
  private final CandidateEvaluation evaluation;
  private final CanaryRollout.LiveEvidence liveEvidence;
  private final CanaryRollout.LiveQuality liveQuality;
  private final Consumer<PipelineRun> runs;
  private final CodeVersion codeVersion;
  private final Clock clock;

  /**
   * @param labelled reads the labelled items as {@code dataset export} reads them (each id once, its newest label)
   * @param liveEvidence champion-vs-candidate agreement, which a canary rollout waits for
   * @param liveQuality the labels that arrive during a canary's step, for each model's live figures
   * @param runs where each change of the run's record goes ({@code pipeline.runs})
   * @param codeVersion the build that trains, recorded in the train step's outputs and the model's lineage
   */
  public PipelineRunner(PipelineOptions options, Supplier<List<LabelledFeedback>> labelled, DatasetCsv csv,
      Registry registry, CandidateEvaluation evaluation, CanaryRollout.LiveEvidence liveEvidence,
      CanaryRollout.LiveQuality liveQuality, Consumer<PipelineRun> runs, CodeVersion codeVersion, Clock clock) {
    this.options = options;
    this.labelled = labelled;
    this.csv = csv;
    this.registry = registry;
    this.evaluation = evaluation;
    this.liveEvidence = liveEvidence;
    this.liveQuality = liveQuality;
    this.runs = runs;
    this.codeVersion = codeVersion;
    this.clock = clock;
  }

  /** Runs every step it gets to and returns the run's final record. */
  public PipelineRun run(Request request) {
    return run(request, () -> false);
  }

  /**
   * @param cancelled asked between steps, at each training epoch and at each poll of a canary: true ends the run
   *     {@code cancelled} there, before the register step it has not reached (a candidate already registered stays
   *     a candidate; one a canary serves is archived)
   */
  public PipelineRun run(Request request, BooleanSupplier cancelled) {
    return run(request, cancelled, () -> false);
  }

  /**
   * @param leaseLost asked where {@code cancelled} is: true (its holder was paused past the lease's session timeout,
   *     so another run may hold the lease now) ends the run {@code failed} there, as a cancel would
   */
  public PipelineRun run(Request request, BooleanSupplier cancelled, BooleanSupplier leaseLost) {
    Optional<ModelManifest> champion = registry.read().champion();
    RunJournal journal = RunJournal.start(request.runId(), request.trigger(), request.channels(), request.since(),
        champion.map(ModelManifest::getVersion), runs, clock);
    Stops stops = new Stops(cancelled, leaseLost);
    try {
      steps(request, champion, journal, stops);
    } catch (CancellationException e) {
      stops.end(journal);
    } catch (IOException | RuntimeException | TimeoutException e) {
      journal.end(PipelineRunStatus.failed, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      journal.end(PipelineRunStatus.cancelled, "interrupted");
    }
    return journal.current();
  }

  public static final String SNAPSHOT = "snapshot";
  public static final String CHECKS = "checks";
  public static final String TRAIN = "train";
  public static final String EVALUATE = "evaluate";
  public static final String REGISTER = "register";
  public static final String ROLLOUT = "rollout";
  /** A run's steps, in the order it takes them. */
  public static final List<String> STEPS = List.of(SNAPSHOT, CHECKS, TRAIN, EVALUATE, REGISTER, ROLLOUT);

  /** What a cancelled run's record says, and its step that was running. */
  public static final String CANCELLED = "cancelled (pipeline cancel)";

  /** What the record of a run whose holder lost the pipeline lease says. */
  public static final String LEASE_LOST = "lost the pipeline lease (its process was paused past "
      + "pipeline.lease.session-timeout, so another run may hold it): stopped";

  /** Asks whether the run was cancelled or lost its lease; once it was, throws {@link CancellationException}. */
  private record Stops(BooleanSupplier cancelled, BooleanSupplier leaseLost) {
    void check() {
      if (any().getAsBoolean()) {
        throw new CancellationException(CANCELLED);
      }
    }

    BooleanSupplier any() {
      return () -> leaseLost.getAsBoolean() || cancelled.getAsBoolean();
    }

    /** Ends a stopped run: failed when it lost the lease, cancelled when it was cancelled. */
    void end(RunJournal journal) {
      if (leaseLost.getAsBoolean()) {
        journal.end(PipelineRunStatus.failed, LEASE_LOST);
      } else {
        journal.end(PipelineRunStatus.cancelled, CANCELLED);
      }
    }
  }

  private void steps(Request request, Optional<ModelManifest> champion, RunJournal journal, Stops stops)
      throws IOException, TimeoutException, InterruptedException {
    Path runDir = options.modelStore().resolve("runs").resolve(request.runId());
    List<LabelledFeedback> items = select(request);
    stops.check();
    Snapshot snapshot = snapshot(request, items, runDir, journal);
    stops.check();
    if (!checked(items, snapshot, journal)) {
      return;
    }
    stops.check();
    String version = "pipeline-" + request.runId();
    CandidateTraining.Candidate candidate = train(request, champion, snapshot, runDir, version, journal,
        stops.any());
    stops.check();
    ModelManifest draft = ManifestDraft.of(ModelSource.of(candidate.modelDir().toString()), Optional.of(version),
        candidate.modelDir().toAbsolutePath().normalize().toString(), champion.map(ModelManifest::getVersion),
        codeVersion.gitCommit());
    Optional<CandidateEvaluation.Result> passed = evaluate(request, champion, draft, candidate, journal);
    if (passed.isEmpty()) {
      return;
    }
    stops.check();
    if (registered(draft, candidate.modelDir(), passed.get(), journal)) {
      stops.check();
      rollOut(journal, version, passed.get(), stops);
    }
  }

  private List<LabelledFeedback> select(Request request) {
    return labelled.get().stream()
        .filter(i -> request.since().map(from -> !i.getLabeledAt().isBefore(from)).orElse(true))
        .filter(i -> request.channels().isEmpty() || request.channels().contains(i.getChannel()))
        .toList();
  }

  private Snapshot snapshot(Request request, List<LabelledFeedback> items, Path runDir, RunJournal journal)
      throws IOException {
    Map<String, String> selection = new LinkedHashMap<>();
    selection.put("channels", request.channels().isEmpty() ? "all" : String.join(",", request.channels()));
    selection.put("since", request.since().map(Instant::toString).orElse("all"));
    journal.startStep(SNAPSHOT, selection);
    Snapshot snapshot = Snapshot.write(items, runDir.resolve("dataset.csv"), csv);
    journal.endStep(PipelineStepStatus.succeeded, snapshot.outputs(), snapshot.rows() + " labelled items");
    return snapshot;
  }

  private boolean checked(List<LabelledFeedback> items, Snapshot snapshot, RunJournal journal) {
    journal.startStep(CHECKS, data(snapshot));
    DataChecks.Result checks = new DataChecks(options.minRows()).check(items);
    if (!checks.passed()) {
      refuse(journal, checks.report(), String.join("; ", checks.failures()));
      return false;
    }
    journal.endStep(PipelineStepStatus.succeeded, checks.report(), "passed");
    return true;
  }

  private CandidateTraining.Candidate train(Request request, Optional<ModelManifest> champion, Snapshot snapshot,
      Path runDir, String version, RunJournal journal, BooleanSupplier cancelled)
      throws IOException, TimeoutException, InterruptedException {
    journal.startStep(TRAIN, data(snapshot));
    Path modelDir = options.modelStore().resolve("models").resolve(version);
    CandidateTraining.Lineage lineage = new CandidateTraining.Lineage(request.runId(),
        champion.map(ModelManifest::getVersion).orElse(null), snapshot, codeVersion.describe());
    CandidateTraining.Candidate candidate = new CandidateTraining(options.trainEpochs(), options.trainBudget(),
        options.trainThreads(), options.nice(), options.replay())
        .train(snapshot, modelDir, runDir, options.modelStore().resolve("feature-cache"), version, lineage,
            champion, cancelled);
    Map<String, String> trained = new LinkedHashMap<>(candidate.hyperparameters());
    trained.put("model_dir", modelDir.toString());
    trained.put("code_version", codeVersion.describe());
    journal.endStep(PipelineStepStatus.succeeded, trained, "frozen-encoder head trained");
    journal.candidate(version);
    return candidate;
  }

  /** The evaluation when every set passed the gate; empty when the run was refused. */
  private Optional<CandidateEvaluation.Result> evaluate(Request request, Optional<ModelManifest> champion,
      ModelManifest draft, CandidateTraining.Candidate candidate, RunJournal journal) throws IOException {
    EvalSet heldOut = EvalSet.read(candidate.heldOut());
    List<EvalSet> evalSets = new ArrayList<>();
    for (Path file : options.evalSets()) {
      evalSets.add(EvalSet.read(file));
    }
    evalSets.addAll(request.extraEvalSets());
    Map<String, String> sets = new LinkedHashMap<>();
    sets.put("held-out", heldOut.hash());
    evalSets.forEach(s -> sets.put(s.name(), s.hash()));
    journal.startStep(EVALUATE, sets);
    CandidateEvaluation.Result evaluated = evaluation.evaluate(draft, champion, heldOut, evalSets);
    if (!evaluated.verdict().passed()) {
      refuse(journal, evaluated.figures(), evaluated.verdict().findings());
      return Optional.empty();
    }
    journal.endStep(PipelineStepStatus.succeeded, evaluated.figures(), evaluated.verdict().findings());
    return Optional.of(evaluated);
  }

  /**
   * Registers the candidate with its figures, and records the champion's figures on the run's sets in the
   * champion's manifest as the registry has it now (so a change made meanwhile is not written over).
   */
  private boolean registered(ModelManifest evaluatedDraft, Path modelDir, CandidateEvaluation.Result evaluated,
      RunJournal journal) throws IOException, InterruptedException {
    Optional<ModelStoreUpload> upload = options.upload();
    String location = upload.map(u -> u.locationOf(evaluatedDraft.getVersion()).toString())
        .orElse(evaluatedDraft.getLocation());
    journal.startStep(REGISTER, Map.of("model_id", evaluatedDraft.getModelId(), "location", location));
    ModelManifest draft = evaluatedDraft;
    if (upload.isPresent()) {
      // instances fetch it from the store: it must be there before the registry names it
      upload.get().publish(modelDir, draft.getVersion());
      draft = ModelManifest.newBuilder(draft).setLocation(location).build();
    }
    ModelRegistry current = registry.read();
    Transition registered = new ModelLifecycle(current, ModelLifecycle.Actor.currentUser()).register(draft);
    if (!(registered instanceof Transition.Changed changed)) {
      refuse(journal, Map.of(), registered.message());
      return false;
    }
    List<ModelManifest> writes = new ArrayList<>();
    writes.add(withEvaluations(changed.writes().get(0), evaluated.candidate()));
    evaluated.champion().flatMap(c -> current.version(c.getVersion())).map(c -> {
      ModelManifest measured = withEvaluations(c, evaluated.champion().get());
      return measured.equals(c) ? null : measured;
    }).ifPresent(writes::add);
    registry.write(writes);
    journal.endStep(PipelineStepStatus.succeeded, Map.of("version", draft.getVersion(), "model_id",
        draft.getModelId()), changed.message());
    return true;
  }

  private static ModelManifest withEvaluations(ModelManifest m, ModelManifest measured) {
    for (ModelEvaluation e : measured.getEvaluations()) {
      m = GateEvaluations.withEvaluation(m, e);
    }
    return m;
  }

  private static Map<String, String> data(Snapshot snapshot) {
    return Map.of("sha256", snapshot.hash(), "rows", Integer.toString(snapshot.rows()));
  }

  private void rollOut(RunJournal journal, String version, CandidateEvaluation.Result evaluated, Stops stops)
      throws InterruptedException {
    journal.startStep(ROLLOUT, Map.of("rollout",
        options.rollout().name().toLowerCase(Locale.ROOT).replace('_', '-')));
    ModelRegistry current = registry.read();
    if (options.rollout() == PipelineOptions.Rollout.CANARY && current.champion().isPresent()) {
      canary(journal, version, evaluated, stops);
      return;
    }
    // The first champion has nothing to be canaried against: it is promoted as it would be by hand.
    ModelLifecycle lifecycle = new ModelLifecycle(current, ModelLifecycle.Actor.currentUser());
    boolean shadow = options.rollout() == PipelineOptions.Rollout.SHADOW_ONLY;
    Transition transition = shadow ? lifecycle.shadow(version) : lifecycle.promote(version, evaluated.verdict());
    if (transition instanceof Transition.Refused) {
      refuse(journal, Map.of(), transition.message());
      return;
    }
    if (transition instanceof Transition.Changed changed) {
      registry.write(changed.writes());
    }
    journal.endStep(PipelineStepStatus.succeeded, Map.of("stage", shadow ? "challenger" : "champion"),
        transition.message());
    journal.end(PipelineRunStatus.succeeded, transition.message());
  }

  private void canary(RunJournal journal, String version, CandidateEvaluation.Result evaluated, Stops stops)
      throws InterruptedException {
    CanaryRollout.Outcome outcome = new CanaryRollout(options.canary(), registry, liveEvidence, liveQuality,
        d -> Thread.sleep(d.toMillis()), clock).roll(version, evaluated.verdict(), stops.any());
    switch (outcome.ending()) {
      case PROMOTED -> {
        Map<String, String> outputs = new LinkedHashMap<>(outcome.evidence());
        outputs.put("stage", "champion");
        journal.endStep(PipelineStepStatus.succeeded, outputs, outcome.message());
        journal.end(PipelineRunStatus.succeeded, outcome.message());
      }
      case ROLLED_BACK -> {
        journal.endStep(PipelineStepStatus.refused, outcome.evidence(), outcome.message());
        journal.end(PipelineRunStatus.rolled_back, "rollout: " + outcome.message());
      }
      case REFUSED -> refuse(journal, outcome.evidence(), outcome.message());
      case CANCELLED -> {
        journal.endStep(PipelineStepStatus.failed, outcome.evidence(), outcome.message());
        stops.end(journal);
      }
    }
  }

  private static void refuse(RunJournal journal, Map<String, String> outputs, String reason) {
    String step = journal.current().getSteps().get(journal.current().getSteps().size() - 1).getName();
    journal.endStep(PipelineStepStatus.refused, outputs, reason);
    journal.end(PipelineRunStatus.refused, step + ": " + reason);
  }
}
