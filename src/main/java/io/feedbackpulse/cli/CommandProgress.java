package io.feedbackpulse.cli;

import io.feedbackpulse.training.Progress;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;

/** A command's progress: on its stderr, one redrawn line when that is a terminal. */
final class CommandProgress {
  private CommandProgress() {}

  static Progress of(CommandSpec spec, Duration interval) {
    return Progress.every(interval, spec.commandLine().getErr(), System.console() != null);
  }
}
