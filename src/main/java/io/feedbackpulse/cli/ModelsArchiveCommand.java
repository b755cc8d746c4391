package io.feedbackpulse.cli;

import io.feedbackpulse.models.ModelLifecycle;
import io.feedbackpulse.models.Transition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Retires a version. */
@Command(name = "archive", mixinStandardHelpOptions = true,
    description = {"Retire version V: no instance loads it and rollback does not go back to it; it stays listed.",
        "The champion cannot be archived: promote another version or roll back first."})
public final class ModelsArchiveCommand extends ModelsTransitionCommand {
  @Parameters(index = "0", paramLabel = "V", description = "The version")
  String version;

  @Override
  Transition transition(ModelLifecycle lifecycle) {
    return lifecycle.archive(version);
  }
}
