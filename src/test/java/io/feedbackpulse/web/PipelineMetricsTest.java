package io.feedbackpulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.avro.PipelineStepStatus;
import io.feedbackpulse.pipeline.EndedSteps;
import io.feedbackpulse.pipeline.RecentRuns;
import io.feedbackpulse.pipeline.RunJournal;
import io.feedbackpulse.testing.SettableClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Runs by outcome from the latest record of each run; the newest runs first; each step's duration once, from the
 * records the journal writes, fed as the service's follower of {@code pipeline.runs} feeds them.
 */
class PipelineMetricsTest {
  private static final Instant STARTED = Instant.parse("2026-12-07T05:00:00Z");
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RecentRuns runs = new RecentRuns();
  private final SettableClock clock = new SettableClock(STARTED);

  @Test
  void aRunCountsOnceWhenItEndsUnderItsOutcome() {
    new PipelineMetrics(runs, new EndedSteps(STARTED)).bindTo(registry);
    runs.accept(run("r1", "2026-12-07T05:00:00Z", PipelineRunStatus.running));
    assertThat(registry.scrape()).contains("feedback_pipeline_runs_total{outcome=\"succeeded\"} 0.0")
        .doesNotContain("outcome=\"running\"");

    runs.accept(run("r1", "2026-12-07T05:00:00Z", PipelineRunStatus.succeeded));
    runs.accept(run("r2", "2026-12-07T06:00:00Z", PipelineRunStatus.refused));
    runs.accept(run("r3", "2026-12-07T04:00:00Z", PipelineRunStatus.refused));

    assertThat(registry.scrape()).contains("feedback_pipeline_runs_total{outcome=\"succeeded\"} 1.0",
        "feedback_pipeline_runs_total{outcome=\"refused\"} 2.0", "feedback_pipeline_runs_total{outcome=\"failed\"} 0.0",
        "feedback_pipeline_runs_total{outcome=\"rolled_back\"} 0.0");
    assertThat(runs.newest(2)).extracting(PipelineRun::getRunId).containsExactly("r2", "r1");
  }

  @Test
  void eachStepIsTimedOnceWhenItEndsUnderItsStatusAndAReReadCountsNothingMore() {
    PipelineMetrics metrics = new PipelineMetrics(runs, new EndedSteps(STARTED));
    metrics.bindTo(registry);
    List<PipelineRun> written = new ArrayList<>();
    Consumer<PipelineRun> follower = runs.andThen(metrics::changed);
    Consumer<PipelineRun> topic = written::add;

    clock.advance(Duration.ofSeconds(1));
    RunJournal journal = RunJournal.start("r1", "command", List.of(), Optional.empty(), Optional.of("v1"),
        topic.andThen(follower), clock);
    assertThat(registry.scrape()).contains("feedback_pipeline_run_in_progress 1.0",
        "feedback_pipeline_step_seconds_count{status=\"succeeded\",step=\"snapshot\"} 0\n",
        "feedback_pipeline_step_seconds_count{status=\"refused\",step=\"rollout\"} 0\n",
        "feedback_pipeline_step_seconds_count{status=\"skipped\",step=\"train\"} 0\n");
    step(journal, "snapshot", Duration.ofSeconds(2), PipelineStepStatus.succeeded);
    step(journal, "checks", Duration.ofMillis(500), PipelineStepStatus.succeeded);
    journal.startStep("train", Map.of());
    assertThat(registry.scrape()).doesNotContain("step=\"train\"} 1");
    clock.advance(Duration.ofSeconds(30));
    journal.endStep(PipelineStepStatus.succeeded, Map.of(), "trained");
    step(journal, "evaluate", Duration.ofSeconds(4), PipelineStepStatus.refused);
    journal.end(PipelineRunStatus.refused, "evaluate: worse");

    String scrape = registry.scrape();
    assertThat(scrape).contains("feedback_pipeline_run_in_progress 0.0",
        "feedback_pipeline_step_seconds_count{status=\"succeeded\",step=\"snapshot\"} 1\n",
        "feedback_pipeline_step_seconds_sum{status=\"succeeded\",step=\"snapshot\"} 2.0",
        "feedback_pipeline_step_seconds_count{status=\"succeeded\",step=\"checks\"} 1\n",
        "feedback_pipeline_step_seconds_sum{status=\"succeeded\",step=\"checks\"} 0.5",
        "feedback_pipeline_step_seconds_count{status=\"succeeded\",step=\"train\"} 1\n",
        "feedback_pipeline_step_seconds_sum{status=\"succeeded\",step=\"train\"} 30.0",
        "feedback_pipeline_step_seconds_max{status=\"succeeded\",step=\"train\"} 30.0",
        "feedback_pipeline_step_seconds_count{status=\"refused\",step=\"evaluate\"} 1\n",
        "feedback_pipeline_step_seconds_sum{status=\"refused\",step=\"evaluate\"} 4.0",
        "feedback_pipeline_step_seconds_count{status=\"succeeded\",step=\"evaluate\"} 0\n",
        "feedback_pipeline_step_seconds_count{status=\"succeeded\",step=\"register\"} 0\n");

    written.forEach(follower);

    assertThat(registry.scrape()).isEqualTo(scrape);
  }

  @Test
  void afterARestartTheStepsThatEndedBeforeAreNotTimedAgainButTheOnesThatEndAfterAre() {
    List<PipelineRun> written = new ArrayList<>();
    RunJournal journal = RunJournal.start("r1", "command", List.of(), Optional.empty(), Optional.of("v1"),
        written::add, clock);
    step(journal, "snapshot", Duration.ofSeconds(2), PipelineStepStatus.succeeded);
    journal.startStep("checks", Map.of());
    clock.advance(Duration.ofSeconds(3));

    PipelineMetrics restarted = new PipelineMetrics(runs, new EndedSteps(clock.instant()));
    restarted.bindTo(registry);
    Consumer<PipelineRun> follower = runs.andThen(restarted::changed);
    written.forEach(follower);
    assertThat(registry.scrape()).contains("feedback_pipeline_run_in_progress 1.0",
        "feedback_pipeline_step_seconds_count{status=\"succeeded\",step=\"snapshot\"} 0\n");

    clock.advance(Duration.ofSeconds(1));
    journal.endStep(PipelineStepStatus.failed, Map.of(), "no labels");
    journal.end(PipelineRunStatus.failed, "checks: no labels");
    follower.accept(journal.current());

    assertThat(registry.scrape()).contains("feedback_pipeline_run_in_progress 0.0",
        "feedback_pipeline_step_seconds_count{status=\"succeeded\",step=\"snapshot\"} 0\n",
        "feedback_pipeline_step_seconds_count{status=\"failed\",step=\"checks\"} 1\n",
        "feedback_pipeline_step_seconds_sum{status=\"failed\",step=\"checks\"} 4.0",
        "feedback_pipeline_runs_total{outcome=\"failed\"} 1.0");
  }

  @Test
  void theInProgressGaugeFollowsTheNewestRunOnly() {
    new PipelineMetrics(runs, new EndedSteps(STARTED)).bindTo(registry);
    assertThat(registry.scrape()).contains("feedback_pipeline_run_in_progress 0.0");

    runs.accept(run("old", "2026-12-07T04:00:00Z", PipelineRunStatus.running));
    assertThat(registry.scrape()).contains("feedback_pipeline_run_in_progress 1.0");
    runs.accept(run("new", "2026-12-07T06:00:00Z", PipelineRunStatus.succeeded));
    assertThat(registry.scrape()).contains("feedback_pipeline_run_in_progress 0.0");
  }

  private void step(RunJournal journal, String name, Duration took, PipelineStepStatus status) {
    journal.startStep(name, Map.of());
    clock.advance(took);
    journal.endStep(status, Map.of(), name + " " + status);
  }

  private static PipelineRun run(String id, String startedAt, PipelineRunStatus status) {
    return PipelineRun.newBuilder().setRunId(id).setTrigger("command").setStatus(status)
        .setStartedAt(Instant.parse(startedAt)).setSteps(List.of()).build();
  }
}
