package io.feedbackpulse.cli;

import io.feedbackpulse.models.ModelLifecycle;
import io.feedbackpulse.models.Transition;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A {@code models} subcommand that reads the registry, makes one stage change and writes it, or is refused. */
abstract class ModelsTransitionCommand implements Callable<Integer> {
  @Mixin
  ModelsOptions options;

  @Spec
  CommandSpec spec;

  /** The change this command makes to the registry as read. */
  abstract Transition transition(ModelLifecycle lifecycle);

  @Override
  public final Integer call() {
    ModelsSession session = options.open();
    return session.finish(transition(session.lifecycle(session.read())), spec);
  }
}
