package io.feedbackpulse.cli;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineStep;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/** How the pipeline commands write a run and its steps as text. */
final class PipelineRuns {
  private PipelineRuns() {}

  /** One line a run: id, status, started, candidate, and each step's status. */
  static String runLine(PipelineRun run) {
    return String.format("%-26s %-11s %-24s %-34s %s", run.getRunId(), run.getStatus(), run.getStartedAt(),
        run.getCandidateVersion() == null ? "-" : run.getCandidateVersion(), run.getSteps().stream()
            .map(s -> s.getName() + ":" + s.getStatus()).collect(Collectors.joining(" ")));
  }

  /** One line a step: name, status, how long, what it found. */
  static String stepLine(PipelineStep step) {
    return String.format("%-9s %-9s %6s  %s", step.getName(), step.getStatus(),
        step.getEndedAt() == null ? "-" : seconds(step.getStartedAt(), step.getEndedAt()),
        step.getVerdict() == null ? "" : step.getVerdict());
  }

  /** The step, then its inputs and outputs, one {@code key=value} a line. */
  static String stepDetails(PipelineStep step) {
    StringBuilder text = new StringBuilder(stepLine(step)).append('\n');
    append(text, "in ", step.getInputs());
    append(text, "out", step.getOutputs());
    return text.toString();
  }

  private static void append(StringBuilder text, String label, Map<String, String> values) {
    values.forEach((k, v) -> text.append("    ").append(label).append(' ').append(k).append('=').append(v)
        .append('\n'));
  }

  private static String seconds(Instant from, Instant to) {
    return String.format("%.1fs", Duration.between(from, to).toMillis() / 1000.0);
  }
}
