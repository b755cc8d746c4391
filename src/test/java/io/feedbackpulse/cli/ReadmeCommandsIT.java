package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.Prerequisites.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.testing.TestJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's shell blocks, run as a newcomer would run them after {@code mvn package}: the jar, bash, and
 * Kafka's console producer (from the test class path, as {@code kafka-console-producer.sh}). Only host names
 * and ports are replaced. Every block is either run here or skipped with its reason below, so a new or
 * changed block fails this test until someone decides which.
 */
class ReadmeCommandsIT {
  private static final Path README = Path.of("README.md");
  private static final Path JAR = TestJvm.jar();
  private static final Path SHARED_REVIEWS = Path.of("../shared/data/reviews/womens_clothing_reviews_train.csv");

  /** First command line of each block this test does not run, and why. */
  private static final Map<String, String> SKIPPED = Map.ofEntries(
      Map.entry("# the demo: an in-process Kafka broker (KRaft), a schema registry, the service, sample traffic",
          "the build this test is part of; DemoCleanupIT runs the demo with its sample traffic, and the demo block below runs it without"),
      Map.entry("java -jar target/feedback-pulse.jar run --bootstrap-servers kafka-1:9092 --config pulse.properties",
          "needs a cluster of your own; RunCommandKafkaTest and the *IT tests run the service"),
      Map.entry("java -jar target/feedback-pulse.jar train --data ../shared/data/reviews/womens_clothing_reviews_train.csv \\",
          "72 minutes of CPU; TrainCommandIT trains on a slice"),
      Map.entry("java -jar target/feedback-pulse.jar bench --json      # --quick: under two minutes",
          "minutes of CPU; BenchCommandIT runs bench"),
      Map.entry("mvn -B -q test-compile failsafe:integration-test failsafe:verify \\",
          "these tests are part of mvn verify"),
      Map.entry("java -cp target/classes:target/test-classes:target/feedback-pulse.jar io.feedbackpulse.ingest.LanguageFalseRate \\",
          "a minute of CPU over 60,000 texts; LanguageIdentifierTest holds the committed sample to none"),
      Map.entry("docker compose up --build",
          "no Docker on the build machine"),
      Map.entry("java -jar target/feedback-pulse.jar models register --dir models/2026-12-02 --version v7 --eval holdout.csv \\",
          "needs a cluster and models of your own; ModelsCommandIT runs every models command"),
      Map.entry("echo '{\"messageId\":\"m-1\",\"text\":\"My parcel is two weeks late\"}' |",
          "the Compose stack's broker"),
      Map.entry("# both files, in the order train is given them: each source's held-out split is drawn as train draws it",
          "9,077 texts, several minutes of CPU; EvaluateSourcesTest rebuilds several sources' splits"),
      Map.entry("java -jar target/feedback-pulse.jar bench --reference fp32 --model-only --json   # speedup_over_fp32",
          "minutes of CPU on the full default model; BenchCommandIT runs bench and QuantizeCommandTest quantize"),
      Map.entry("B=../shared/data/reasons/banking77",
          "about 13 minutes on 2 cores; EvaluateReasonsTest runs reasons taxonomy and evaluate --reasons"),
      Map.entry("java -jar target/feedback-pulse.jar evaluate --reasons src/main/resources/reasons/ecommerce.json \\",
          "a minute of CPU for the bge encoder; EvaluateReasonsTest runs evaluate --reasons and EcommerceHeldoutSetTest holds the set to the counts given"),
      Map.entry("java -jar target/feedback-pulse.jar score --reasons \"My parcel never arrived and nobody answers my emails\"",
          "ScoreReasonsTest runs score --reasons in-process"),
      Map.entry("java -jar target/feedback-pulse.jar bench --latency-at 14.4 --json   # then with each --set below",
          "a minute and a half of CPU per run on the full default model; BenchCommandIT runs bench's latency run"),
      Map.entry("java -jar target/feedback-pulse.jar bench --latency-at 14.4 --json   # alerts' latency is on the line after",
          "a minute and a half of CPU per run, three rounds of three builds; BenchCommandIT runs bench's latency run"),
      Map.entry("scripts/latency-while-training.sh 10 PT60S",
          "5 to 10 minutes of CPU per run, three benches, two beside a training; BackgroundPriorityTest and CandidateTrainingPriorityTest check the training thread's priority, CommandLineErrorsTest bench --while-training's arguments"),
      Map.entry("java -jar target/feedback-pulse.jar bench --latency-at 20 --latency-duration PT60S --json --set dedupe.in-place=false",
          "two minutes of CPU per run on the full default model; InPlaceDedupeTopologyTest and DuplicatesIT check dedupe.in-place both ways, BenchCommandIT runs bench's latency run"));

  @TempDir
  static Path work;
  static Map<String, String> blocks;

  @BeforeAll
  static void readTheReadme() throws IOException {
    assertThat(JAR).as("the jar that mvn package builds (mvn verify builds it before this test)").exists();
    blocks = blocks(Files.readString(README));
    Files.createDirectories(jvmTmp());
    Path bin = Files.createDirectories(work.resolve("bin"));
    Path producer = bin.resolve("kafka-console-producer.sh");
    Files.writeString(producer, "#!/usr/bin/env bash\nexec '" + TestJvm.javaBinary() + "' -cp '" + System.getProperty("java.class.path")
        + "' org.apache.kafka.tools.ConsoleProducer \"$@\"\n");
    Files.setPosixFilePermissions(producer, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void everyBlockIsRunOrSkippedWithAReason() {
    List<String> run = List.of(DEMO, TAIL, LIFECYCLE, SCORE, EVALUATE_SAMPLE, EVALUATE_TEST_SPLIT, REGISTER,
        REGISTER_WITH_CURL, REGISTER_FROM_FILE);
    for (String first : blocks.keySet()) {
      if (!run.contains(first) && !SKIPPED.containsKey(first)) {
        fail("README block starting '" + first + "' is neither run by ReadmeCommandsIT nor skipped with a reason");
      }
    }
    assertThat(blocks.keySet()).containsAll(run).containsAll(SKIPPED.keySet());
  }

  static final String SCORE = "java -jar target/feedback-pulse.jar score --json \"The zipper broke the first day and support never answered\"";

  @Test
  void scoreClassifiesTheExample() throws Exception {
    Result r = run(block(SCORE), Map.of(), Duration.ofMinutes(3));

    assertThat(r.exit).as(r.stderr).isZero();
    JsonNode scored = new ObjectMapper().readTree(r.stdout.strip());
    assertThat(scored.get("name").asText()).isEqualTo("negative");
  }

  static final String EVALUATE_SAMPLE =
      "java -jar target/feedback-pulse.jar evaluate --data src/main/resources/sample/reviews-sample.csv --batch-size 1";

  @Test
  void evaluateRunsOnTheCommittedSample() throws Exception {
    Result r = run(block(EVALUATE_SAMPLE), Map.of(), Duration.ofMinutes(6));

    assertThat(r.exit).as(r.stderr).isZero();
    assertThat(r.stdout).contains("texts/s");
  }

  static final String EVALUATE_TEST_SPLIT =
      "java -jar target/feedback-pulse.jar evaluate --data ../shared/data/reviews/womens_clothing_reviews_train.csv \\";

  @Test
  void evaluateReproducesTheBalancedFigureOfTheTable() throws Exception {
    require(Files.exists(SHARED_REVIEWS), "the shared data is not beside this checkout: " + SHARED_REVIEWS);
    Matcher row = Pattern.compile("\\| balanced \\(282 per class, seed 20261129\\) \\| 846 \\| ([0-9.]+) \\| \\*\\*([0-9.]+)\\*\\*")
        .matcher(Files.readString(README));
    assertThat(row.find()).as("the balanced row of the README's table").isTrue();

    Result r = run(block(EVALUATE_TEST_SPLIT), Map.of(), Duration.ofMinutes(8));

    assertThat(r.exit).as(r.stderr).isZero();
    List<String> lines = r.stdout.strip().lines().toList();
    JsonNode figures = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(figures.get("n").asInt()).isEqualTo(846);
    assertThat(String.format(Locale.ROOT, "%.3f", figures.get("accuracy").asDouble())).isEqualTo(row.group(1));
    assertThat(String.format(Locale.ROOT, "%.3f", figures.get("macro_f1").asDouble())).isEqualTo(row.group(2));
  }

  static final String REGISTER = "java -jar target/feedback-pulse.jar register-schemas --set schema.registry.url=http://registry:8081";
  static final String REGISTER_WITH_CURL = "REGISTRY=http://registry:8081            # Apicurio: http://apicurio:8080/apis/ccompat/v7";
  static final String REGISTER_FROM_FILE = "jq -n --rawfile schema schemas/ChatFeedback.avsc '{schema: $schema}' |";

  @Test
  void registerSchemasAnswersTheIdsTheReadmeShows() throws Exception {
    try (InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Result r = run(block(REGISTER), Map.of("http://registry:8081", registry.url()), Duration.ofMinutes(2));

      assertThat(r.exit).as(r.stderr).isZero();
      Pattern shown = Pattern.compile("# (\\.\\.\\. )?([a-z.-]+-value -> [0-9]+)");
      List<String> lines = block(REGISTER).lines().map(shown::matcher).filter(Matcher::matches).map(m -> m.group(2)).toList();
      assertThat(lines).hasSize(3);
      assertThat(r.stdout.lines()).containsAll(lines);
      assertThat(r.stdout.lines().toList().get(r.stdout.lines().toList().size() - 1)).isEqualTo(lines.get(2));
    }
  }

  @Test
  void theCurlRecipesRegisterOneVersionPerSubject() throws Exception {
    require(onPath("jq") && onPath("curl"), "jq and curl are needed for the curl recipes");
    try (InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      String script = block(REGISTER_WITH_CURL) + "\n" + block(REGISTER_FROM_FILE);
      Result r = run(script, Map.of("http://registry:8081", registry.url()), Duration.ofMinutes(2));

      assertThat(r.exit).as(r.stderr).isZero();
      List<String> answers = r.stdout.lines().toList();
      int subjects = registry.subjects().size();
      assertThat(answers).hasSize(subjects + 1);
      String chat = answers.stream().filter(l -> l.endsWith(" feedback.raw.chat-value")).findFirst().orElseThrow();
      assertThat(answers.get(subjects)).as("the file answers the id the printed schema got")
          .isEqualTo(chat.substring(0, chat.indexOf(' ')));
    }
  }

  static final String DEMO = "java -jar target/feedback-pulse.jar demo --no-sample-traffic --port 9092 &";
  static final String TAIL = "# the two addresses the demo printed";
  static final String LIFECYCLE =
      "# models against the demo: its broker and the registry address it printed (the demo registered every subject)";

  @Test
  void aRecordFromTheConsoleProducerIsScoredAndTailShowsIt() throws Exception {
    String port = String.valueOf(freePort());
    Path demoOut = work.resolve("demo.out");
    // the test's own lines: where the demo's output goes, and its pid to stop it afterwards
    String script = "exec > '" + demoOut + "'\n" + block(DEMO) + "\necho demo-pid=$!\nwait\n";
    Process demo = start(script, Map.of("9092", port), Files.createTempFile(work, "demo-stderr", ".txt"));
    try {
      Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
          .until(() -> Files.exists(demoOut) && Files.readString(demoOut).contains("ready: feedback topics"));
      Matcher registry = Pattern.compile("schema\\.registry\\.url=http://127\\.0\\.0\\.1:([0-9]+)")
          .matcher(Files.readString(demoOut));
      assertThat(registry.find()).isTrue();
      HttpResponse<String> subjects = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + registry.group(1) + "/subjects")).build(), BodyHandlers.ofString());
      assertThat(new ObjectMapper().readValue(subjects.body(), String[].class))
          .as("registered ahead, as register-schemas does: the models commands run with auto-register=false")
          .contains("model.registry-value", "model.comparison-value", "feedback.scored-value", "feedback.labels-value",
              "feedback.raw.chat-value");
      assertThat(brokerDirectories()).as("the demo's broker keeps its data in a temporary directory").hasSize(1);

      Result tail = run(block(TAIL), Map.of("9092", port, "PORT", registry.group(1)), Duration.ofMinutes(2));

      assertThat(tail.exit).as(tail.stderr).isZero();
      assertThat(tail.stdout.lines()).anySatisfy(line -> {
        JsonNode scored = new ObjectMapper().readTree(line);
        assertThat(scored.at("/feedback/id").asText()).isEqualTo("chat:m-1042");
        assertThat(scored.get("labelName").asText()).isEqualTo("negative");
      });

      Map<String, String> addresses = Map.of("9092", port, "PORT", registry.group(1));
      Result lifecycle = run(block(LIFECYCLE), addresses, Duration.ofMinutes(5));
      assertThat(lifecycle.exit).as(lifecycle.stderr).isZero();
      assertThat(lifecycle.stdout.lines()).as(lifecycle.stdout)
          .anySatisfy(l -> assertThat(l).startsWith("v1").contains("candidate"))
          .anySatisfy(l -> assertThat(l).startsWith("v2").contains("champion"));
      // the service swaps between batches once its follower has loaded v2: a chat sent after that is scored by v2
      int[] sent = {0};
      // the README's tail waits ten seconds for more; the retries here need not
      Map<String, String> quickTail = new HashMap<>(addresses);
      quickTail.put("--timeout PT10S", "--timeout PT2S");
      Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
        String chat = "echo '{\"messageId\":\"m-30" + sent[0]++ + "\",\"text\":\"It works, thanks\"}' | "
            + "kafka-console-producer.sh --bootstrap-server 127.0.0.1:9092 --topic feedback.raw.chat";
        assertThat(run(chat, addresses, Duration.ofMinutes(1)).exit).isZero();
        Result scored = run(block(TAIL), quickTail, Duration.ofMinutes(1));
        assertThat(scored.stdout.lines().map(ReadmeCommandsIT::json))
            .anySatisfy(r -> assertThat(r.at("/model/version").asText()).isEqualTo("v2"));
      });
    } finally {
      stopDemo(demoOut);
      demo.destroy();
      demo.waitFor(60, TimeUnit.SECONDS);
    }
    assertThat(brokerDirectories()).as("left behind after SIGTERM").isEmpty();
  }

  /** The demo's broker data: EmbeddedKafkaBroker's temporary directories in the README commands' tmpdir. */
  private static List<Path> brokerDirectories() throws IOException {
    try (Stream<Path> files = Files.list(jvmTmp())) {
      return files.filter(f -> f.getFileName().toString().startsWith(DemoCleanupIT.BROKER_DIR_PREFIX)).toList();
    }
  }

  private static Path jvmTmp() {
    return work.resolve("jvm-tmp");
  }

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void stopDemo(Path demoOut) throws IOException, InterruptedException {
    Matcher pid = Pattern.compile("demo-pid=([0-9]+)").matcher(Files.exists(demoOut) ? Files.readString(demoOut) : "");
    if (pid.find()) {
      ProcessHandle.of(Long.parseLong(pid.group(1))).ifPresent(p -> {
        p.destroy();
        p.onExit().orTimeout(60, TimeUnit.SECONDS).join();
      });
    }
  }

  /** Bash blocks of the README by their first line (comments included, as they are the block's start). */
  static Map<String, String> blocks(String readme) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^```bash\\n(.*?)^```", Pattern.DOTALL).matcher(readme);
    while (m.find()) {
      String body = m.group(1);
      out.put(body.lines().findFirst().orElse(""), body);
    }
    return out;
  }

  private static String block(String firstLine) {
    String body = blocks.get(firstLine);
    if (body == null) {
      fail("the README has no bash block starting '" + firstLine + "'");
    }
    return body;
  }

  private record Result(int exit, String stdout, String stderr) {}

  private static Result run(String script, Map<String, String> replacements, Duration timeout) throws Exception {
    Path stderr = Files.createTempFile(work, "stderr", ".txt");
    Process p = start(script, replacements, stderr);
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      fail("the block did not end within " + timeout + ":\n" + script);
    }
    return new Result(p.exitValue(), stdout, Files.readString(stderr));
  }

  private static Process start(String script, Map<String, String> replacements, Path stderr) throws IOException {
    String text = script;
    for (Map.Entry<String, String> r : replacements.entrySet()) {
      text = text.replace(r.getKey(), r.getValue());
    }
    ProcessBuilder builder = new ProcessBuilder("bash", "-eo", "pipefail", "-c", text)
        .directory(Path.of("").toAbsolutePath().toFile());
    builder.environment().put("PATH", work.resolve("bin") + ":" + System.getenv("PATH"));
    // the jar's JVM keeps its model cache under target/, like the tests'
    builder.environment().put("JAVA_TOOL_OPTIONS",
        "-Dfeedbackpulse.model.cache=" + Path.of("target/model-cache").toAbsolutePath()
            + " -Djava.io.tmpdir=" + jvmTmp());
    return builder.redirectError(stderr.toFile()).start();
  }

  private static boolean onPath(String command) throws Exception {
    Process p = new ProcessBuilder("bash", "-c", "command -v " + command).start();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
