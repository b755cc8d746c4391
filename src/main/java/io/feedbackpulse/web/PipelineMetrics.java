package io.feedbackpulse.web;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.avro.PipelineStep;
import io.feedbackpulse.avro.PipelineStepStatus;
import io.feedbackpulse.pipeline.EndedSteps;
import io.feedbackpulse.pipeline.PipelineRunner;
import io.feedbackpulse.pipeline.RecentRuns;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The training pipeline's runs as {@code pipeline.runs} has them (every instance reads the same topic, so take
 * the max over instances): runs ended, by outcome (a running run counts when it ends); whether the newest run is
 * running; and the duration of each step this instance saw end since it started ({@link EndedSteps}), by step and
 * the status it ended with.
 *
 * <p>Bound once, as the service starts: the step timers of the runner's steps and every end status are registered at
 * 0 then; a step name not among them is registered when it first ends (the names come from the code, a closed set).
 */
public final class PipelineMetrics implements MeterBinder {
  private static final List<PipelineStepStatus> END_STATUSES = Arrays.stream(PipelineStepStatus.values())
      .filter(s -> s != PipelineStepStatus.running).toList();
  private final RecentRuns runs;
  private final EndedSteps endedSteps;
  private final Map<List<String>, Timer> stepTimers = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;

  /** @param endedSteps which steps of the runs read are new ends, to time */
  public PipelineMetrics(RecentRuns runs, EndedSteps endedSteps) {
    this.runs = runs;
    this.endedSteps = endedSteps;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    if (this.registry != null) {
      throw new IllegalStateException("the pipeline's meters are already bound to a registry");
    }
    this.registry = registry;
    for (PipelineRunStatus status : PipelineRunStatus.values()) {
      if (status == PipelineRunStatus.running) {
        continue;
      }
      FunctionCounter.builder("feedback.pipeline.runs", runs, r -> r.count(status))
          .description("Training pipeline runs ended, by outcome (pipeline.runs)")
          .tag("outcome", status.name())
          .register(registry);
    }
    Gauge.builder("feedback.pipeline.run.in.progress", runs, PipelineMetrics::newestRunning)
        .description("1 while the newest training pipeline run (pipeline.runs) is running, else 0")
        .register(registry);
    for (String step : PipelineRunner.STEPS) {
      for (PipelineStepStatus status : END_STATUSES) {
        stepTimers.computeIfAbsent(List.of(step, status.name()), this::registerStepTimer);
      }
    }
  }

  /** Times the steps of this record of a run that ended since this instance started, each once. */
  public void changed(PipelineRun run) {
    for (PipelineStep step : endedSteps.newlyEnded(run)) {
      stepTimers.computeIfAbsent(List.of(step.getName(), step.getStatus().name()), this::registerStepTimer)
          .record(Duration.between(step.getStartedAt(), step.getEndedAt()));
    }
  }

  private Timer registerStepTimer(List<String> stepAndStatus) {
    MeterRegistry bound = registry;
    if (bound == null) {
      throw new IllegalStateException("a pipeline step is timed before its meters are bound to a registry");
    }
    return Timer.builder("feedback.pipeline.step")
        .description("Wall time of each training pipeline step this instance saw end (pipeline.runs), by step and"
            + " the status it ended with")
        .tag("step", stepAndStatus.get(0))
        .tag("status", stepAndStatus.get(1))
        .register(bound);
  }

  private static double newestRunning(RecentRuns runs) {
    return runs.newest(1).stream().anyMatch(r -> r.getStatus() == PipelineRunStatus.running) ? 1 : 0;
  }
}
