package io.feedbackpulse.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A version beside the champion, scored on every item and served on none. */
@Command(name = "shadow", mixinStandardHelpOptions = true,
    description = {"Make version V the challenger in shadow: every instance scores each item with it beside the "
        + "champion (model.comparison) and serves the champion's result.",
        "There is at most one challenger: a former one goes back to candidate."})
public final class ModelsShadowCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "V", description = "The version")
  String version;

  @Mixin
  ModelsOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    ModelsSession session = options.open();
    return session.finish(session.lifecycle(session.read()).shadow(version), spec);
  }
}
