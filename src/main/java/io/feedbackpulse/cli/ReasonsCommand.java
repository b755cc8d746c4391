package io.feedbackpulse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Groups the commands about complaint reasons. */
@Command(name = "reasons", mixinStandardHelpOptions = true, subcommands = ReasonsTaxonomyCommand.class,
    description = "Complaint reasons: 'reasons taxonomy' writes a taxonomy with examples drawn from a labeled CSV.")
public final class ReasonsCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a subcommand: taxonomy");
  }
}
