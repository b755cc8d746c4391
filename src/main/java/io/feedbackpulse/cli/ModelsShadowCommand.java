package io.feedbackpulse.cli;

import io.feedbackpulse.models.ModelLifecycle;
import io.feedbackpulse.models.Transition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** A version beside the champion, scored on every item and served on none. */
@Command(name = "shadow", mixinStandardHelpOptions = true,
    description = {"Make version V the challenger in shadow: every instance scores each item with it beside the "
        + "champion (model.comparison) and serves the champion's result.",
        "There is at most one challenger: a former one goes back to candidate."})
public final class ModelsShadowCommand extends ModelsTransitionCommand {
  @Parameters(index = "0", paramLabel = "V", description = "The version")
  String version;

  @Override
  Transition transition(ModelLifecycle lifecycle) {
    return lifecycle.shadow(version);
  }
}
