package io.feedbackpulse.demo;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.avro.PipelineStep;
import java.util.List;

/** A training pipeline run in the demo's summary: one line, how far it is or how it ended. */
public final class RunLine {
  private RunLine() {}

  public static String of(PipelineRun run) {
    StringBuilder b = new StringBuilder("pipeline run ").append(run.getRunId()).append(' ')
        .append(run.getStatus().name().replace('_', ' '));
    List<PipelineStep> steps = run.getSteps();
    if (run.getStatus() == PipelineRunStatus.running) {
      b.append(steps.isEmpty() ? ", starting" : ", step " + steps.get(steps.size() - 1).getName());
    } else if (run.getReason() != null) {
      b.append(": ").append(run.getReason());
    }
    if (run.getCandidateVersion() != null) {
      b.append(" (candidate ").append(run.getCandidateVersion()).append(')');
    }
    return b.toString();
  }
}
