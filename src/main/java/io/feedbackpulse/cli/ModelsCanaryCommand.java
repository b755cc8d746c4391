package io.feedbackpulse.cli;

import io.feedbackpulse.models.ModelLifecycle;
import io.feedbackpulse.models.Transition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A version that serves a share of the items. */
@Command(name = "canary", mixinStandardHelpOptions = true,
    description = {"Make version V the challenger on a share of the traffic: it serves the items whose canonical "
        + "id hashes into that share (the same items on every instance), the champion serves the rest.",
        "There is at most one challenger: a former one goes back to candidate."})
public final class ModelsCanaryCommand extends ModelsTransitionCommand {
  @Parameters(index = "0", paramLabel = "V", description = "The version")
  String version;

  @Option(names = "--share", required = true, paramLabel = "S",
      description = "The share of items it serves, above 0 and below 1 (0.1: one item in ten)")
  double share;

  @Override
  Transition transition(ModelLifecycle lifecycle) {
    return lifecycle.canary(version, share);
  }
}
