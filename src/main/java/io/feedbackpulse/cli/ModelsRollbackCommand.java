package io.feedbackpulse.cli;

import io.feedbackpulse.models.ModelLifecycle;
import io.feedbackpulse.models.Transition;
import picocli.CommandLine.Command;

/** The previous champion back. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = {"Make the previous champion (the one the current champion replaced) champion again, without "
        + "the gate; the current champion goes back to candidate.",
        "Each rollback goes one promotion further back."})
public final class ModelsRollbackCommand extends ModelsTransitionCommand {
  @Override
  Transition transition(ModelLifecycle lifecycle) {
    return lifecycle.rollback();
  }
}
