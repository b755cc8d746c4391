package io.feedbackpulse.cli;

import picocli.CommandLine.Command;

/** Groups the commands about labelled data. */
@Command(name = "dataset", mixinStandardHelpOptions = true, subcommands = DatasetExportCommand.class,
    description = "Labelled data: 'dataset export' writes the labelled items as a CSV that train --data reads.")
public final class DatasetCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: export");
  }
}
