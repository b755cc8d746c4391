package io.feedbackpulse.cli;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineStep;
import io.feedbackpulse.pipeline.PipelineRunsTopic;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** One run, step by step. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show one run: its status and reason, then each step with its duration, verdict, inputs and "
        + "outputs. An unknown run id is status 2.")
public final class PipelineShowCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN", description = "The run id (pipeline list shows them)")
  String runId;

  @Mixin
  ModelsOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Optional<PipelineRun> found;
    try (PipelineRunsTopic runs = PipelineSession.open(options.settings(), false)) {
      found = runs.read(runId);
    }
    if (found.isEmpty()) {
      spec.commandLine().getErr().println("no pipeline run " + runId + " on topic.pipeline-runs");
      spec.commandLine().getErr().flush();
      return ExitStatus.USAGE;
    }
    PipelineRun run = found.get();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("run %s: %s (trigger %s, started %s, ended %s)%n", run.getRunId(), run.getStatus(),
        run.getTrigger(), run.getStartedAt(), run.getEndedAt() == null ? "-" : run.getEndedAt());
    out.printf("champion at start: %s; candidate: %s%n", Optional.ofNullable(run.getParentVersion()).orElse("none"),
        Optional.ofNullable(run.getCandidateVersion()).orElse("none"));
    if (run.getReason() != null) {
      out.println("reason: " + run.getReason());
    }
    for (PipelineStep step : run.getSteps()) {
      out.print(PipelineRuns.stepDetails(step));
    }
    out.flush();
    return ExitStatus.OK;
  }
}
