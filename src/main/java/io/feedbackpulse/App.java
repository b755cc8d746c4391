package io.feedbackpulse;

import io.feedbackpulse.cli.BenchCommand;
import io.feedbackpulse.cli.DemoCommand;
import io.feedbackpulse.cli.DescribeCommand;
import io.feedbackpulse.cli.EvaluateCommand;
import io.feedbackpulse.cli.RegisterSchemasCommand;
import io.feedbackpulse.cli.RunCommand;
import io.feedbackpulse.cli.ScoreCommand;
import io.feedbackpulse.cli.TrainCommand;
import io.feedbackpulse.logging.LogFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: one executable jar, one subcommand per job. */
@Command(name = "feedback-pulse", mixinStandardHelpOptions = true, version = "feedback-pulse 0.1.0",
    description = "Real-time customer-feedback sentiment on Kafka Streams.",
    subcommands = {RunCommand.class, DemoCommand.class, ScoreCommand.class, EvaluateCommand.class,
        TrainCommand.class, DescribeCommand.class, RegisterSchemasCommand.class,
        BenchCommand.class})
public final class App {

  public static void main(String[] args) {
    keepDjlOffline();
    try {
      LogFormat.selectFromEnvironment(System.getenv());
    } catch (io.feedbackpulse.config.SettingsException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new App());
  }

  /** DJL must neither download anything nor report usage: everything it needs is in the jar. */
  static void keepDjlOffline() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
  }
}
