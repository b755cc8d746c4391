package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.avro.PipelineStep;
import io.feedbackpulse.avro.PipelineStepStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A run's record as it goes: each step started or ended, and the run's end, is a new whole record handed to the
 * writer ({@code pipeline.runs}), so what a reader sees is never behind the step in progress by more than one change.
 */
public final class RunJournal {
  private final Consumer<PipelineRun> writer;
  private final Clock clock;
  private PipelineRun run;

  private RunJournal(PipelineRun run, Consumer<PipelineRun> writer, Clock clock) {
    this.run = run;
    this.writer = writer;
    this.clock = clock;
  }

  /** A new run, written as {@code running} with no step yet. */
  public static RunJournal start(String runId, String trigger, List<String> channels, Optional<Instant> since,
      Optional<String> parentVersion, Consumer<PipelineRun> writer, Clock clock) {
    PipelineRun run = PipelineRun.newBuilder()
        .setRunId(runId)
        .setTrigger(trigger)
        .setStatus(PipelineRunStatus.running)
        .setStartedAt(clock.instant())
        .setChannels(List.copyOf(channels))
        .setSince(since.orElse(null))
        .setParentVersion(parentVersion.orElse(null))
        .setSteps(List.of())
        .build();
    RunJournal journal = new RunJournal(run, writer, clock);
    writer.accept(run);
    return journal;
  }

  /**
   * A run already on record, to change further: one whose holder is gone, marked failed
   * ({@link InterruptedRuns}), or one a person cancels.
   */
  public static RunJournal of(PipelineRun run, Consumer<PipelineRun> writer, Clock clock) {
    return new RunJournal(run, writer, clock);
  }

  public void startStep(String name, Map<String, String> inputs) {
    List<PipelineStep> steps = new ArrayList<>(run.getSteps());
    steps.add(PipelineStep.newBuilder().setName(name).setStatus(PipelineStepStatus.running)
        .setStartedAt(clock.instant()).setInputs(new LinkedHashMap<>(inputs)).setOutputs(Map.of()).build());
    change(PipelineRun.newBuilder(run).setSteps(steps));
  }

  /** Ends the step in progress. */
  public void endStep(PipelineStepStatus status, Map<String, String> outputs, String verdict) {
    List<PipelineStep> steps = new ArrayList<>(run.getSteps());
    PipelineStep current = steps.get(steps.size() - 1);
    if (current.getStatus() != PipelineStepStatus.running) {
      throw new IllegalStateException("step " + current.getName() + " already ended " + current.getStatus());
    }
    steps.set(steps.size() - 1, PipelineStep.newBuilder(current).setStatus(status).setEndedAt(clock.instant())
        .setOutputs(new LinkedHashMap<>(outputs)).setVerdict(verdict).build());
    change(PipelineRun.newBuilder(run).setSteps(steps));
  }

  public void candidate(String version) {
    change(PipelineRun.newBuilder(run).setCandidateVersion(version));
  }

  /** Ends the run; a step still running ends as failed with the same reason. */
  public void end(PipelineRunStatus status, String reason) {
    List<PipelineStep> steps = new ArrayList<>(run.getSteps());
    if (!steps.isEmpty() && steps.get(steps.size() - 1).getStatus() == PipelineStepStatus.running) {
      PipelineStep current = steps.get(steps.size() - 1);
      steps.set(steps.size() - 1, PipelineStep.newBuilder(current).setStatus(PipelineStepStatus.failed)
          .setEndedAt(clock.instant()).setVerdict(reason).build());
    }
    change(PipelineRun.newBuilder(run).setSteps(steps).setStatus(status).setEndedAt(clock.instant())
        .setReason(reason));
  }

  public PipelineRun current() {
    return run;
  }

  private void change(PipelineRun.Builder next) {
    run = next.build();
    writer.accept(run);
  }
}
