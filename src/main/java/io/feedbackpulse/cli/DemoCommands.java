package io.feedbackpulse.cli;

import io.feedbackpulse.App;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * This program's own commands, run in the demo's JVM with the demo's settings: what the autopilot does is then what
 * a user does with the same commands against the demo.
 *
 * @param settings every setting the demo runs with, passed as {@code --set}
 * @param configFile the demo's {@code --config}, passed on
 */
record DemoCommands(Map<String, String> settings, Optional<Path> configFile) {

  /** The command's own arguments, then the demo's {@code --config} and {@code --set} for each setting. */
  String[] args(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    configFile.ifPresent(f -> args.addAll(List.of("--config", f.toString())));
    settings.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    return args.toArray(String[]::new);
  }

  /** Runs a command to its end; what it prints, on stdout or stderr, goes to {@code out}. */
  int run(PrintWriter out, String... command) {
    CommandLine cli = App.commandLine();
    cli.setOut(out);
    cli.setErr(out);
    return cli.execute(args(command));
  }
}
