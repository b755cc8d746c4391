package io.feedbackpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.App;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help} works on every command and says what every option and parameter is for. */
class HelpTest {

  static Stream<String> commands() {
    return App.commandLine().getSubcommands().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpExitsZeroAndDescribesEveryOption(String command) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = App.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int status = cli.execute(command, "--help");

    assertThat(status).as("%s --help: %s", command, err).isZero();
    String help = out.toString();
    assertThat(help).startsWith("Usage: feedback-pulse " + command);
    CommandLine sub = App.commandLine().getSubcommands().get(command);
    List<ArgSpec> args = sub.getCommandSpec().args();
    for (ArgSpec arg : args) {
      String name = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
      assertThat(Arrays.stream(arg.description()).filter(d -> !d.isBlank()))
          .as("%s %s has a description", command, name).isNotEmpty();
      assertThat(help.lines().filter(l -> l.contains(name)))
          .as("%s --help has a line for %s", command, name)
          .anyMatch(l -> l.substring(l.indexOf(name) + name.length()).strip().length() > 3);
    }
  }

  @Test
  void trainsModelVersionIsNotTheProgramsVersion() {
    StringWriter out = new StringWriter();
    CommandLine cli = App.commandLine();
    cli.setOut(new PrintWriter(out, true));

    assertThat(cli.execute("train", "--version")).isZero();
    assertThat(out.toString()).startsWith("feedback-pulse 0.1.0").contains("(git ");
    TrainCommand train = new TrainCommand();
    new CommandLine(train).parseArgs("--data", "d.csv", "--out", "m", "--model-version", "mine-1");
    assertThat(train.modelVersion).isEqualTo("mine-1");
  }
}
