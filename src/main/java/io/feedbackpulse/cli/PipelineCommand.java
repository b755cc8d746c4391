package io.feedbackpulse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Groups the commands of the training pipeline on topic.pipeline-runs. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    subcommands = {PipelineRunCommand.class, PipelineWatchCommand.class, PipelineListCommand.class,
        PipelineShowCommand.class, PipelineCancelCommand.class},
    description = {"The training pipeline: snapshot the labelled items, check them, train a candidate, evaluate it "
        + "against the champion, register it with its lineage and roll it out; every run recorded on "
        + "topic.pipeline-runs (compacted, keyed by run id).",
        "A run a gate refused ends with one line on stderr and status 7."})
public final class PipelineCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a subcommand: run, watch, list, show or cancel");
  }
}
