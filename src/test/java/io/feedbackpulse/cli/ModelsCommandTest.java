package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.App;
import io.feedbackpulse.testing.ModelVersions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The models commands' command lines; what they do on a broker is ModelsCommandIT's. */
class ModelsCommandTest {
  @TempDir
  Path dir;

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
    assertThat(execute("models", "register", "--dir", TINY_ROBERTA.toString(),
        "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString()).contains("names no version").contains("give --version");
  }

  @Test
  void aMalformedEvalFileIsAUsageErrorBeforeAnyClusterIsAsked() throws Exception {
    Path csv = Files.writeString(dir.resolve("eval.csv"), "text,label\nfine,1\nodd,7\n");

    assertThat(execute("models", "promote", "v2", "--eval", csv.toString(), "--bootstrap-servers", "127.0.0.1:1"))
        .isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString()).hasLineCount(1)
        .startsWith("Not a labeled CSV: " + csv + ", line 3: no sentiment with value 7");
  }

  @Test
  void aModelThatDoesNotLoadIsNotRegisteredAndNoClusterIsAsked() throws Exception {
    Path model = new ModelVersions(dir).sameLabels("v9");
    byte[] onnx = Files.readAllBytes(model.resolve("model.onnx"));
    Files.write(model.resolve("model.onnx"), Arrays.copyOf(onnx, onnx.length / 2));

    assertThat(execute("models", "register", "--dir", model.toString(), "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(ExitStatus.MODEL_NOT_LOADED);
    assertThat(err.toString()).hasLineCount(1)
        .contains("version v9 does not load as an instance would load it, so it is not registered")
        .contains("model.onnx cannot be loaded by ONNX Runtime");
  }

  @Test
  void anEvalFileBelowTheGatesMinimumsIsRefusedBeforeAnyClusterIsAsked() throws Exception {
    Path csv = Files.writeString(dir.resolve("empty.csv"), "text,label\n");

    assertThat(execute("models", "register", "--dir", TINY_ROBERTA.toString(), "--version", "v9", "--eval",
        csv.toString(), "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(ExitStatus.REFUSED);
    assertThat(err.toString()).hasLineCount(1).startsWith("Refused: not registering: eval set empty.csv is too "
        + "small to gate on: 0 items, below models.gate.min-eval-items 200");
  }

  private int execute(String... args) {
    CommandLine cli = App.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
