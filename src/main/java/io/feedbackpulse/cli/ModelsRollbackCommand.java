package io.feedbackpulse.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The previous champion back. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = {"Make the previous champion (the one the current champion replaced) champion again, without "
        + "the gate; the current champion goes back to candidate.",
        "Each rollback goes one promotion further back."})
public final class ModelsRollbackCommand implements Callable<Integer> {
  @Mixin
  ModelsOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    ModelsSession session = options.open();
    return session.finish(session.lifecycle(session.read()).rollback(), spec);
  }
}
