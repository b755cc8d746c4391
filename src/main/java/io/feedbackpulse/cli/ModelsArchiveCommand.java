package io.feedbackpulse.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Retires a version. */
@Command(name = "archive", mixinStandardHelpOptions = true,
    description = {"Retire version V: no instance loads it and rollback does not go back to it; it stays listed.",
        "The champion cannot be archived: promote another version or roll back first."})
public final class ModelsArchiveCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "V", description = "The version")
  String version;

  @Mixin
  ModelsOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    ModelsSession session = options.open();
    return session.finish(session.lifecycle(session.read()).archive(version), spec);
  }
}
