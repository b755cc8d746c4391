package io.feedbackpulse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Groups the commands of the model lifecycle on topic.models. */
@Command(name = "models", mixinStandardHelpOptions = true,
    subcommands = {ModelsRegisterCommand.class, ModelsListCommand.class, ModelsShadowCommand.class,
        ModelsCanaryCommand.class, ModelsPromoteCommand.class, ModelsRollbackCommand.class,
        ModelsArchiveCommand.class},
    description = {"The model registry (topic.models, compacted): register versions, put one beside the champion "
        + "(shadow) or on a share of the traffic (canary), promote through the quality gate, roll back, archive.",
        "A refused change ends with one line on stderr and status 7."})
public final class ModelsCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "name a subcommand: register, list, shadow, canary, promote, rollback or archive");
  }
}
