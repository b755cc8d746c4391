package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.App;
import io.feedbackpulse.onnx.ModelFileException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a user can fix ends every command with one line on stderr and a documented exit status. */
class CommandLineErrorsTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CommandLine cli = App.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private String oneLine() {
    List<String> lines = err.toString().lines().toList();
    assertThat(lines).as("stderr: %s", err).hasSize(1);
    return lines.get(0);
  }

  @Test
  void anUnknownSettingIsOneLineAndTheSettingsStatus() {
    int status = execute("run", "--set", "no.such.key=1");

    assertThat(status).isEqualTo(ExitStatus.BAD_SETTINGS);
    assertThat(oneLine()).startsWith("Bad setting: unknown setting 'no.such.key' in command line")
        .contains("feedback-pulse-defaults.properties");
  }

  /** The pipeline's settings are read before anything reaches Kafka (none listens at the default address). */
  @Test
  void aBadPipelineSettingIsOneLineAndTheSettingsStatusBeforeKafkaIsAsked() {
    assertThat(execute("pipeline", "run", "--set", "pipeline.rollout=yolo", "--set", "startup.kafka-timeout=PT1S"))
        .isEqualTo(ExitStatus.BAD_SETTINGS);
    assertThat(oneLine()).startsWith("Bad setting: pipeline.rollout must be canary, promote or shadow-only");
    err.getBuffer().setLength(0);

    assertThat(execute("pipeline", "watch", "--set", "pipeline.canary.steps=0.5", "--set",
        "startup.kafka-timeout=PT1S")).isEqualTo(ExitStatus.BAD_SETTINGS);
    assertThat(oneLine()).startsWith("Bad setting: pipeline.canary.steps must end with 1.0");
    err.getBuffer().setLength(0);

    assertThat(execute("pipeline", "watch", "--set", "pipeline.trigger.schedule=daily", "--set",
        "startup.kafka-timeout=PT1S")).isEqualTo(ExitStatus.BAD_SETTINGS);
    assertThat(oneLine()).startsWith("Bad setting: pipeline.trigger.schedule must be an ISO-8601 duration");
    err.getBuffer().setLength(0);

    assertThat(execute("pipeline", "watch", "--set", "pipeline.trigger.events=quality,bias", "--set",
        "startup.kafka-timeout=PT1S")).isEqualTo(ExitStatus.BAD_SETTINGS);
    assertThat(oneLine()).startsWith("Bad setting: pipeline.trigger.events must name kinds of quality or label");
    err.getBuffer().setLength(0);

    // run with pipeline.enabled checks them before it loads a model or starts the service
    assertThat(execute("run", "--set", "pipeline.enabled=true", "--set", "pipeline.nice=20", "--set",
        "startup.kafka-timeout=PT1S")).isEqualTo(ExitStatus.BAD_SETTINGS);
    assertThat(oneLine()).startsWith("Bad setting: pipeline.nice must be 0 (the service's own priority) to 19 (the "
        + "lowest), got 20 ");
  }

  /** Bad numbers for the training's threads or the bench's load are refused before any work starts. */
  @Test
  void fewerThanOneTrainingThreadOrNoOfferedLoadIsAUsageError() {
    assertThat(execute("train", "--encoder", "frozen", "--threads", "0", "--data", "d.csv", "--out",
        dir.resolve("m").toString())).isEqualTo(ExitStatus.USAGE);
    assertThat(oneLine()).isEqualTo("train: --threads must be at least 1, got 0");
    err.getBuffer().setLength(0);

    assertThat(execute("bench", "--latency-at", "0")).isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString()).startsWith("--latency-at must be above 0 records/s, got 0.0");
    err.getBuffer().setLength(0);

    assertThat(execute("bench", "--while-training", "labels.csv")).isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString()).startsWith("--while-training needs --latency-at");
    err.getBuffer().setLength(0);

    assertThat(execute("bench", "--latency-at", "5", "--while-training", dir.resolve("none.csv").toString()))
        .isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString()).startsWith("--while-training: no such file ");
  }

  /** The web server binds before anything reaches Kafka: a taken port is one line and the settings status. */
  @Test
  void anHttpPortInUseIsOneLineAndTheSettingsStatus() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int status = execute("run", "--set", "model.dir=" + TINY_ROBERTA,
          "--set", "http.host=127.0.0.1", "--set", "http.port=" + taken.getLocalPort());

      assertThat(status).isEqualTo(ExitStatus.BAD_SETTINGS);
      assertThat(oneLine()).startsWith("Cannot start: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
          .contains("set http.port");
    }
  }

  @Test
  void aMalformedReasonTaxonomyStopsTheServiceBeforeItStartsWithOneLine() throws Exception {
    Path taxonomy = Files.writeString(dir.resolve("reasons.json"), "{\"reasons\": [{\"name\": \"late\"}]}");

    int status = execute("run", "--set", "model.dir=" + TINY_ROBERTA, "--set", "reasons.file=" + taxonomy,
        "--set", "http.port=0");

    assertThat(status).isEqualTo(ExitStatus.USAGE);
    assertThat(oneLine()).isEqualTo("Not a reason taxonomy: " + taxonomy + ": reason 'late' has no description");
  }

  @Test
  void malformedAlertRoutesStopTheServiceBeforeItStartsWithOneLine() {
    int status = execute("run", "--set", "model.dir=" + TINY_ROBERTA, "--set", "alerts.routes=late:support.late",
        "--set", "http.port=0");

    assertThat(status).isEqualTo(ExitStatus.BAD_SETTINGS);
    assertThat(oneLine()).startsWith("Bad setting: alerts.routes: 'late' is not a reason of the taxonomy (delivery, ");
    assertThat(execute("run", "--set", "model.dir=" + TINY_ROBERTA, "--set", "alerts.routes=delivery")).isEqualTo(
        ExitStatus.BAD_SETTINGS);
  }

  @Test
  void aMalformedDurationIsFoundBeforeDescribeBuildsAnything() {
    int status = execute("describe", "--set", "windows.size=five-minutes");

    assertThat(status).isEqualTo(ExitStatus.BAD_SETTINGS);
    assertThat(oneLine()).contains("windows.size must be an ISO-8601 duration such as PT5M, got 'five-minutes'");
  }

  @Test
  void demoChecksItsSettingsBeforeItStartsABroker() {
    long started = System.nanoTime();

    int status = execute("demo", "--set", "alerts.negative-threshold=abc");

    assertThat(status).isEqualTo(ExitStatus.BAD_SETTINGS);
    assertThat(oneLine()).contains("alerts.negative-threshold must be a number, got 'abc'");
    assertThat(out.toString()).as("no broker address printed").isEmpty();
    assertThat((System.nanoTime() - started) / 1e9).as("seconds: no broker, no model").isLessThan(5);
  }

  @Test
  void demoChecksTheSettingsTheTopologyReadsBeforeItStartsABroker() {
    int status = execute("demo", "--set", "drift.reference=yesterday", "--set",
        "model.dir=" + TINY_ROBERTA.toAbsolutePath());

    assertThat(status).isEqualTo(ExitStatus.BAD_SETTINGS);
    assertThat(oneLine()).contains("drift.reference");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aMissingConfigFileIsASettingsError() {
    int status = execute("run", "--config", dir.resolve("pulse.properties").toString());

    assertThat(status).isEqualTo(ExitStatus.BAD_SETTINGS);
    assertThat(oneLine()).contains("there is no settings file " + dir.resolve("pulse.properties"));
  }

  @Test
  void aMalformedOptionValueIsAUsageErrorInOneLine() {
    int status = execute("demo", "--duration", "forever");

    assertThat(status).isEqualTo(ExitStatus.USAGE).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(oneLine()).contains("'forever' is not a duration", "see feedback-pulse demo --help");
  }

  @Test
  void aMistypedOptionSuggestsTheRightOne() {
    int status = execute("demo", "--durration", "PT1M");

    assertThat(status).isEqualTo(ExitStatus.USAGE);
    assertThat(oneLine()).contains("Unknown options: '--durration'", "did you mean --duration?");
  }

  @Test
  void aMissingDataFileIsAUsageError() {
    int status = execute("evaluate", "--data", dir.resolve("reviews.csv").toString());

    assertThat(status).isEqualTo(ExitStatus.USAGE);
    assertThat(oneLine()).isEqualTo("No such file: " + dir.resolve("reviews.csv"));
  }

  @Test
  void aMalformedDataFileIsAUsageErrorNamingTheFileAndLine() throws Exception {
    Path csv = Files.writeString(dir.resolve("reviews.csv"), "text,label\nfine,1\n\"never closed,0\nmore,1\n");

    int status = execute("evaluate", "--data", csv.toString());

    assertThat(status).isEqualTo(ExitStatus.USAGE);
    assertThat(oneLine()).startsWith("Not a labeled CSV: " + csv + ", line 3: Missing closing quote");
  }

  @Test
  void anUnreachableRegistryAfterTheRetriesIsOneLine() {
    int status = execute("register-schemas", "--set", "schema.registry.url=http://127.0.0.1:1", "--attempts", "2",
        "--backoff", "PT0.01S");

    assertThat(status).isEqualTo(ExitStatus.UNREACHABLE);
    assertThat(oneLine()).startsWith("The schema registry did not answer: gave up after 2 attempts")
        .contains("check schema.registry.url");
  }

  @Test
  void aMissingRegistryTruststoreIsABadSetting() {
    Path missing = dir.resolve("registry-trust.p12");
    int status = execute("register-schemas", "--set", "schema.registry.url=https://127.0.0.1:1",
        "--set", "schema.registry.ssl.truststore.location=" + missing);

    assertThat(status).isEqualTo(ExitStatus.BAD_SETTINGS);
    assertThat(oneLine()).startsWith("Bad setting: schema.registry.ssl.truststore.location: there is no file " + missing);
  }

  @Test
  void verboseShowsTheStackTraceAfterTheLine() {
    for (List<String> args : List.of(List.of("--verbose", "run", "--set", "no.such.key=1"),
        List.of("run", "--verbose", "--set", "no.such.key=1"))) {
      err.getBuffer().setLength(0);

      int status = execute(args.toArray(String[]::new));

      assertThat(status).as("%s", args).isEqualTo(ExitStatus.BAD_SETTINGS);
      List<String> lines = err.toString().lines().toList();
      assertThat(lines.get(0)).startsWith("Bad setting: unknown setting 'no.such.key'");
      assertThat(lines).as("%s", args).anyMatch(l -> l.contains("SettingsException"))
          .anyMatch(l -> l.strip().startsWith("at io.feedbackpulse.config.Settings"));
    }
  }

  @Test
  void aBugStillPrintsItsStackTrace() {
    CommandLine cli = App.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int status = new ErrorReport().handleExecutionException(new IllegalStateException("a bug"), cli,
        cli.parseArgs());

    assertThat(status).isEqualTo(ExitStatus.FAILED);
    assertThat(err.toString()).contains("java.lang.IllegalStateException: a bug", "\tat ");
  }

  @Test
  void aMalformedValueInTheConfigFileIsASettingsError() throws Exception {
    Path file = dir.resolve("pulse.properties");
    Files.writeString(file, "topics.partitions=three\n");

    int status = execute("describe", "--config", file.toString());

    assertThat(status).isEqualTo(ExitStatus.BAD_SETTINGS);
    assertThat(oneLine()).contains("topics.partitions must be a whole number, got 'three'");
  }

  @Test
  void aModelFileTheOnnxToolchainRefusesIsAModelThatDoesNotLoad() {
    ModelFileException refused = new ModelFileException("w.safetensors is not a valid safetensors file: header");
    assertThat(ErrorReport.userError(new CompletionException(refused)))
        .map(ErrorReport.UserError::status).contains(ExitStatus.MODEL_NOT_LOADED);
  }
}
