package io.feedbackpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.App;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The models commands' command lines; what they do on a broker is ModelsCommandIT's. */
class ModelsCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @ParameterizedTest
  @ValueSource(strings = {"register", "list", "shadow", "canary", "promote", "rollback", "archive"})
  void everySubcommandHasHelp(String subcommand) {
    assertThat(execute("models", subcommand, "--help")).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("Usage: feedback-pulse models " + subcommand)
        .contains("--bootstrap-servers");
  }

  @Test
  void registerTakesTheVersionToRegister() {
    ModelsRegisterCommand register = new ModelsRegisterCommand();
    new CommandLine(register).parseArgs("--dir", "m", "--version", "v7");
    assertThat(register.version).isEqualTo("v7");
  }

  @Test
  void withoutASubcommandItSaysWhichThereAre() {
    assertThat(execute("models")).isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString()).contains("name a subcommand: register, list").hasLineCount(1);
  }

  @Test
  void aDirectoryThatIsNotThereIsAUsageErrorBeforeAnyClusterIsAsked() {
    assertThat(execute("models", "register", "--dir", "/no/such/model", "--bootstrap-servers", "127.0.0.1:1"))
        .isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString()).contains("--dir /no/such/model is not a directory").hasLineCount(1);
  }

  @Test
  void aModelWithoutAVersionNeedsOne() {
    assertThat(execute("models", "register", "--dir", "src/test/resources/models/tiny-roberta",
        "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString()).contains("names no version").contains("give --version");
  }

  private int execute(String... args) {
    CommandLine cli = App.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
