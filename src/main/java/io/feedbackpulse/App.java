package io.feedbackpulse;

import io.feedbackpulse.cli.BenchCommand;
import io.feedbackpulse.cli.CalibrateCommand;
import io.feedbackpulse.cli.DatasetCommand;
import io.feedbackpulse.cli.DemoCommand;
import io.feedbackpulse.cli.DescribeCommand;
import io.feedbackpulse.cli.ErrorReport;
import io.feedbackpulse.cli.EvaluateCommand;
import io.feedbackpulse.cli.ExitStatus;
import io.feedbackpulse.cli.ModelsCommand;
import io.feedbackpulse.cli.PipelineCommand;
import io.feedbackpulse.cli.QuantizeCommand;
import io.feedbackpulse.cli.ReasonsCommand;
import io.feedbackpulse.cli.RegisterSchemasCommand;
import io.feedbackpulse.cli.RunCommand;
import io.feedbackpulse.cli.ScoreCommand;
import io.feedbackpulse.cli.TailCommand;
import io.feedbackpulse.cli.TrainCommand;
import io.feedbackpulse.config.SettingsException;
import io.feedbackpulse.logging.LogFormat;
import io.feedbackpulse.pipeline.CodeVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The command line: one executable jar, one subcommand per job. */
@Command(name = "feedback-pulse", mixinStandardHelpOptions = true,
    description = "Real-time customer-feedback sentiment on Kafka Streams.",
    subcommands = {RunCommand.class, DemoCommand.class, ScoreCommand.class, EvaluateCommand.class,
        TrainCommand.class, CalibrateCommand.class, QuantizeCommand.class, DescribeCommand.class,
        RegisterSchemasCommand.class, BenchCommand.class, TailCommand.class, DatasetCommand.class, ModelsCommand.class,
        ReasonsCommand.class, PipelineCommand.class})
public final class App {
  // Read by ErrorReport from the parse result; a field so that picocli has somewhere to put it.
  @Option(names = ErrorReport.VERBOSE, scope = ScopeType.INHERIT,
      description = "After the one line that says what is wrong, print the stack trace (as log.level=debug does)")
  boolean verbose;

  public static void main(String[] args) {
    keepDjlOffline();
    answerHttpWithoutDelayedAcks();
    try {
      LogFormat.setUp(System.getenv());
    } catch (SettingsException e) {
      System.err.println("Bad setting: " + e.getMessage());
      System.exit(ExitStatus.BAD_SETTINGS);
    }
    System.exit(commandLine().execute(args));
  }

  /** The command line with its error handling: user errors are one line and a documented status. */
  public static CommandLine commandLine() {
    ErrorReport errors = new ErrorReport();
    CommandLine cli = new CommandLine(new App()).setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors);
    // Every command's --version is the program's, with the commit it was built from.
    String[] version = {"feedback-pulse " + CodeVersion.ofThisBuild().describe()};
    cli.getCommandSpec().version(version);
    cli.getSubcommands().values().forEach(c -> c.getCommandSpec().version(version));
    return cli;
  }

  /** DJL must neither download anything nor report usage: everything it needs is in the jar. */
  static void keepDjlOffline() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
  }

  /**
   * The JDK's HTTP server (dashboard, API, the demo's schema registry) writes a response's headers and body
   * separately; with Nagle's algorithm on, each small answer then waits for the client's delayed ACK (~40 ms).
   */
  static void answerHttpWithoutDelayedAcks() {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }
}
