package io.feedbackpulse.cli;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.pipeline.PipelineRunner;
import io.feedbackpulse.pipeline.PipelineRunsTopic;
import io.feedbackpulse.pipeline.RunJournal;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Asks a running run to stop. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
    description = {"Cancel a running run: its record says cancelled at once, and the process that runs it stops "
        + "at its next step or training epoch, registering nothing it had not registered yet.",
        "A run that already ended, or an unknown run id, is status 2."})
public final class PipelineCancelCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN", description = "The run id (pipeline list shows them)")
  String runId;

  @Mixin
  ModelsOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (PipelineRunsTopic runs = PipelineSession.open(options.settings(), true)) {
      Optional<PipelineRun> found = runs.read(runId);
      if (found.isEmpty()) {
        return usage("no pipeline run " + runId + " on topic.pipeline-runs");
      }
      if (found.get().getStatus() != PipelineRunStatus.running) {
        return usage("pipeline run " + runId + " already ended " + found.get().getStatus() + ": nothing to cancel");
      }
      RunJournal.of(found.get(), runs::write, Clock.systemUTC()).end(PipelineRunStatus.cancelled,
          PipelineRunner.CANCELLED);
    }
    spec.commandLine().getOut().println("pipeline run " + runId + " cancelled: its process stops at its next step "
        + "or training epoch");
    spec.commandLine().getOut().flush();
    return ExitStatus.OK;
  }

  private int usage(String line) {
    spec.commandLine().getErr().println(line);
    spec.commandLine().getErr().flush();
    return ExitStatus.USAGE;
  }
}
