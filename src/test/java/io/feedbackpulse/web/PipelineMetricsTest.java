package io.feedbackpulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.pipeline.RecentRuns;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs by outcome from the latest record of each run; the newest runs first. */
class PipelineMetricsTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RecentRuns runs = new RecentRuns();

  @Test
  void aRunCountsOnceWhenItEndsUnderItsOutcome() {
    new PipelineMetrics(runs).bindTo(registry);
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

  private static PipelineRun run(String id, String startedAt, PipelineRunStatus status) {
    return PipelineRun.newBuilder().setRunId(id).setTrigger("command").setStatus(status)
        .setStartedAt(Instant.parse(startedAt)).setSteps(List.of()).build();
  }
}
