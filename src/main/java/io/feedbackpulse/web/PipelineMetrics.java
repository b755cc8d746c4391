package io.feedbackpulse.web;

import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.pipeline.RecentRuns;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The training pipeline's runs as {@code pipeline.runs} has them (every instance reads the same topic, so take
 * the max over instances): runs ended, by outcome. A running run counts when it ends.
 */
public final class PipelineMetrics implements MeterBinder {
  private final RecentRuns runs;

  public PipelineMetrics(RecentRuns runs) {
    this.runs = runs;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (PipelineRunStatus status : PipelineRunStatus.values()) {
      if (status == PipelineRunStatus.running) {
        continue;
      }
      FunctionCounter.builder("feedback.pipeline.runs", runs, r -> r.count(status))
          .description("Training pipeline runs ended, by outcome (pipeline.runs)")
          .tag("outcome", status.name())
          .register(registry);
    }
  }
}
