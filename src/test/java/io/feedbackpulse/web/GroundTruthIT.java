package io.feedbackpulse.web;

import static io.feedbackpulse.testing.Cli.cli;
import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.feedbackpulse.App;
import io.feedbackpulse.cli.ExitStatus;
import io.feedbackpulse.inference.Baseline;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelLoading;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.ingest.TextFormat;
import io.feedbackpulse.ingest.TextNormalizer;
import io.feedbackpulse.pipeline.CodeVersion;
import io.feedbackpulse.testing.Cli;
import io.feedbackpulse.testing.RawProducers;
import io.feedbackpulse.testing.TestJvm;
import io.feedbackpulse.training.ClassificationReport;
import io.feedbackpulse.training.Evaluation;
import io.feedbackpulse.training.LabeledCsv;
import io.feedbackpulse.training.LabeledExample;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker: 300 chats (review texts from the committed sample) and their 300 labels (the reviews' star
 * ratings by the training rule), produced as JSON with Kafka's console producer under keys chat:<messageId>.
 * /api/quality?channel=chat then reports 300 labelled items and the accuracy and macro-F1 that evaluate's own
 * code computes by scoring the same texts with the model directly. A later relabel of one chat then leaves 300
 * labelled items, and {@code dataset export} writes each chat once, with its newest label, as train --data reads it.
 * A label dated 2099 counts at its record time, in today's window, and an e-mail's card, IBAN, phone number and
 * address reach feedback.labelled masked. The training pipeline then retrains on those chats and promotes its model,
 * and refuses a run on too few labels.
 */
class GroundTruthIT {
  private static final int N = 300;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PII_EMAIL = "Card 4111 1111 1111 1111 was charged twice, refund it to IBAN "
      + "DE89 3704 0044 0532 0130 00 or call me on +44 20 7946 0958, write to ann@example.com";

  @TempDir
  Path dir;

  @Test
  void theQualityApiReportsTheLabelledChatsAndTheAccuracyEvaluateGives() throws Exception {
    // texts the service scores as they are (normalization leaves them unchanged), so evaluate sees the same text
    TextNormalizer normalizer = new TextNormalizer();
    List<LabeledExample> examples = LabeledCsv.read(Path.of("src/main/resources/sample/reviews-sample.csv")).stream()
        .filter(e -> normalizer.normalize(e.text(), TextFormat.PLAIN).equals(e.text()))
        .limit(N).toList();
    assertThat(examples).hasSize(N);

    try (LiveServiceFixture live = new LiveServiceFixture(dir, "ground-truth-it")) {
      ServiceWithHttp instance = live.startInstance();
      await().atMost(Duration.ofSeconds(60)).until(() -> instance.service().isReady());

      try (KafkaProducer<byte[], byte[]> producer = RawProducers.to(live.broker.bootstrapServers())) {
        for (int i = 0; i < N; i++) {
          ObjectNode chat = JSON.createObjectNode().put("messageId", "m-" + i).put("text", examples.get(i).text());
          producer.send(new ProducerRecord<>("feedback.raw.chat", ("m-" + i).getBytes(StandardCharsets.UTF_8),
              JSON.writeValueAsBytes(chat)));
        }
      }
      String labeledAt = Instant.now().toString();
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < N; i++) {
        ObjectNode label = JSON.createObjectNode().put("id", "chat:m-" + i)
            .put("label", examples.get(i).label().value()).put("source", "agent").put("labeler", "it")
            .put("labeledAt", labeledAt);
        lines.append("chat:m-").append(i).append('\t').append(JSON.writeValueAsString(label)).append('\n');
      }
      Process console = consoleProducer(live.broker.bootstrapServers(), "feedback.labels");
      try (OutputStream stdin = console.getOutputStream()) {
        stdin.write(lines.toString().getBytes(StandardCharsets.UTF_8));
      }
      assertThat(console.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(console.exitValue()).as(new String(console.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .isZero();

      JsonNode[] chat = new JsonNode[1];
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
        HttpResponse<String> response = live.get(instance, "/api/quality?channel=chat");
        if (response.statusCode() != 200) {
          return false;
        }
        JsonNode windows = JSON.readTree(response.body()).path("windows");
        for (JsonNode w : windows) {
          if (w.path("labelled").asLong() == N) {
            chat[0] = w;
            return true;
          }
        }
        return false;
      });

      ClassificationReport expected;
      try (SentimentModel model = ModelLoading.load(TINY_ROBERTA.toString(),
          InferenceOptions.DEFAULT)) {
        expected = new Evaluation(model).evaluate(examples).classification();
      }
      assertThat(chat[0].path("accuracy").asDouble()).isCloseTo(expected.accuracy(), within(1e-9));
      assertThat(chat[0].path("macroF1").asDouble()).isCloseTo(expected.macroF1(), within(1e-9));
      List<List<Long>> confusion = new ArrayList<>();
      for (long[] row : expected.confusion()) {
        confusion.add(List.of(row[0], row[1], row[2]));
      }
      assertThat(chat[0].path("confusion").toString()).isEqualTo(JSON.writeValueAsString(confusion));
      assertThat(chat[0].path("scored").asLong()).isEqualTo(N);
      assertThat(chat[0].path("estimatedAccuracy").isNumber()).isTrue();
      assertThat(live.get(instance, "/metrics").body()).contains("feedback_quality_labelled{channel=\"chat\"} 300.0");

      // as producers send them: an e-mail with a card number, an IBAN, a phone number and an address, and through
      // the console producer its label and a label of m-1 (its label again) dated 2099
      try (KafkaProducer<byte[], byte[]> producer = RawProducers.to(live.broker.bootstrapServers())) {
        ObjectNode email = JSON.createObjectNode().put("messageId", "e-1").put("body", PII_EMAIL)
            .put("subject", "Card 4111 1111 1111 1111").put("from", "Jane Doe <jane@example.com>");
        producer.send(new ProducerRecord<>("feedback.raw.email", "e-1".getBytes(StandardCharsets.UTF_8),
            JSON.writeValueAsBytes(email)));
      }
      String future = "chat:m-1\t" + JSON.writeValueAsString(JSON.createObjectNode().put("id", "chat:m-1")
          .put("label", examples.get(1).label().value()).put("source", "dated_2099").put("labeler", "it")
          .put("labeledAt", "2099-01-01T00:00:00Z")) + "\n";
      String emailLabel = "email:e-1\t" + JSON.writeValueAsString(JSON.createObjectNode().put("id", "email:e-1")
          .put("label", -1).put("source", "agent")) + "\n";
      Process labels = consoleProducer(live.broker.bootstrapServers(), "feedback.labels");
      try (OutputStream stdin = labels.getOutputStream()) {
        stdin.write((future + emailLabel).getBytes(StandardCharsets.UTF_8));
      }
      assertThat(labels.waitFor(60, TimeUnit.SECONDS)).isTrue();
      Path emails = dir.resolve("export/emails.csv");
      String[] emailExport = {"dataset", "export", "--out", emails.toString(), "--channel", "email", "--no-mask-pii",
          "--set", "bootstrap.servers=" + live.broker.bootstrapServers(), "--set", "schema.registry.url=" + live.registry.url()};
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        assertThat(App.commandLine().execute(emailExport)).isZero();
        return Files.readString(emails).contains("email:e-1");
      });
      assertThat(Files.readString(emails)).as("feedback.labelled as written, not masked by the export")
          .contains("[card]", "[iban]", "[phone]", "[email]")
          .doesNotContain("4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "7946 0958", "ann@example.com");

      // m-0 relabelled later: the figures still count 300 items, and the export has m-0 once, with its new label
      int relabel = examples.get(0).label().value() == 1 ? -1 : examples.get(0).label().value() + 1;
      try (KafkaProducer<byte[], byte[]> producer = RawProducers.to(live.broker.bootstrapServers())) {
        ObjectNode label = JSON.createObjectNode().put("id", "chat:m-0").put("label", relabel)
            .put("source", "review_queue").put("labeler", "it").put("labeledAt", Instant.parse(labeledAt)
                .plusSeconds(1).toString());
        producer.send(new ProducerRecord<>("feedback.labels", "chat:m-0".getBytes(StandardCharsets.UTF_8),
            JSON.writeValueAsBytes(label)));
      }
      Path csv = dir.resolve("export/labelled.csv");
      String[] args = {"dataset", "export", "--out", csv.toString(), "--channel", "chat",
          "--set", "bootstrap.servers=" + live.broker.bootstrapServers(), "--set", "schema.registry.url=" + live.registry.url()};
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        assertThat(App.commandLine().execute(args)).isZero();
        return Files.readString(csv).contains(",review_queue,") && Files.readString(csv).contains(",dated_2099,");
      });
      List<Map<String, String>> rows = rows(csv);
      assertThat(rows).hasSize(N);
      Map<String, String> m0 = rows.stream().filter(r -> r.get("id").equals("chat:m-0")).findFirst().orElseThrow();
      assertThat(m0.get("label")).isEqualTo(Integer.toString(relabel));
      assertThat(m0.get("label_source")).isEqualTo("review_queue");
      Map<String, String> m1 = rows.stream().filter(r -> r.get("id").equals("chat:m-1")).findFirst().orElseThrow();
      assertThat(m1.get("label_source")).isEqualTo("dated_2099");
      assertThat(Instant.parse(m1.get("labeled_at"))).as("the 2099 label counts at its record time")
          .isBefore(Instant.now().plusSeconds(60));
      // so it counts in today's window, which still holds 300 items, and no quality window lies ahead
      Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        JsonNode windows = JSON.readTree(live.get(instance, "/api/quality?channel=chat").body()).path("windows");
        assertThat(windows.findValuesAsText("windowStart")).isNotEmpty()
            .allSatisfy(start -> assertThat(Instant.parse(start)).isBefore(tomorrow));
        assertThat(windows.get(0).path("labelled").asLong()).isEqualTo(N);
        assertThat(live.get(instance, "/metrics").body()).contains("feedback_quality_labelled{channel=\"chat\"} 300.0");
      });
      List<LabeledExample> exported = LabeledCsv.read(csv);
      List<LabeledExample> expectedRows = new ArrayList<>();
      examples.subList(1, N).forEach(e -> expectedRows.add(new LabeledExample(e.text(), e.label(), "labelled", "chat")));
      expectedRows.add(new LabeledExample(examples.get(0).text(), Sentiment.ofValue(relabel), "labelled", "chat"));
      assertThat(exported).containsExactlyInAnyOrderElementsOf(expectedRows);

      // the export is training data as it is: a head on the frozen encoder trains on it and its model loads (its
      // feature cache is the pipeline's below, which then encodes none of these texts again)
      Path retrained = dir.resolve("retrained");
      assertThat(App.commandLine().execute("train", "--data", csv.toString(), "--encoder", "frozen", "--epochs", "2",
          "--out", retrained.toString(), "--report-dir", dir.resolve("train-report").toString(),
          "--work-dir", dir.resolve("store").toString(), "--progress-interval", "PT1M")).isZero();
      assertThat(Baseline.parse(Files.readAllBytes(retrained.resolve(Baseline.FILE))).testMacroF1()).isPresent();
      try (SentimentModel model = SentimentModel.load(ModelSource.of(retrained.toString()), InferenceOptions.DEFAULT)) {
        assertThat(model.predict(List.of(examples.get(1).text()))).hasSize(1);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(live.get(instance, "/api/quality?channel=chat")
          .body()).path("windows").findValues("labelled").stream().mapToLong(JsonNode::asLong).sum() == N);

      theTrainingPipelineRetrainsOnTheLabelledChatsAndPromotesOrRefuses(live, instance, expectedRows);
    }
  }

  /**
   * The training pipeline on the same labelled chats, with tiny-roberta (the instance's model) registered and
   * promoted as champion v1: a run snapshots the 300 chats, passes the checks, trains a frozen-encoder head,
   * measures it and v1 on its held-out split, registers it with its lineage and promotes it. A run on the email
   * channel (one labelled item) is refused at the data checks, status 7, and leaves the champion as it was. The
   * instance shows both runs on /api/pipeline/runs and counts them in its metrics. A relabelled e-mail then makes
   * pipeline watch start a run (refused too: one e-mail is not enough to train on).
   */
  private void theTrainingPipelineRetrainsOnTheLabelledChatsAndPromotesOrRefuses(LiveServiceFixture live,
      ServiceWithHttp instance, List<LabeledExample> snapshotted) throws Exception {
    String[] cluster = {"--set", "bootstrap.servers=" + live.broker.bootstrapServers(),
        "--set", "schema.registry.url=" + live.registry.url(), "--set", "schema.registry.auto-register=true",
        "--set", "pipeline.model-store=" + dir.resolve("store"), "--set", "pipeline.train.epochs=5",
        "--set", "models.cache-dir=" + dir.resolve("fetched")};
    assertThat(cli(cluster, "models", "register", "--dir", TINY_ROBERTA.toString(), "--version", "v1").status())
        .isZero();
    assertThat(cli(cluster, "models", "promote", "v1").status()).isZero();

    Cli run = cli(cluster, "pipeline", "run", "--channel", "chat", "--json", "--set", "pipeline.rollout=promote");

    assertThat(run.status()).as(run.out() + run.err()).isZero();
    JsonNode record = JSON.readTree(run.out().strip().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
        .orElseThrow());
    String version = record.path("candidateVersion").asText();
    assertThat(record.path("status").asText()).isEqualTo("succeeded");
    assertThat(record.path("parentVersion").asText()).isEqualTo("v1");
    assertThat(record.path("steps").findValuesAsText("name"))
        .containsExactly("snapshot", "checks", "train", "evaluate", "register", "rollout");
    assertThat(record.path("steps").findValuesAsText("status")).containsOnly("succeeded");
    assertThat(run.out().lines().filter(l -> l.matches("^(snapshot|checks|train|evaluate|register|rollout) .*")))
        .as("each step's line, once").hasSize(6);
    JsonNode snapshot = record.path("steps").get(0).path("outputs");
    long[] labels = new long[3];
    snapshotted.forEach(e -> labels[e.label().index()]++);
    assertThat(snapshot.path("rows").asText()).isEqualTo(Integer.toString(N));
    for (Sentiment s : Sentiment.values()) {
      assertThat(snapshot.path("chat.label." + s.value()).asLong()).as(s.label()).isEqualTo(labels[s.index()]);
    }
    assertThat(dir.resolve("store").resolve("runs").resolve(record.path("runId").asText()).resolve("train.log"))
        .as("the train step's thread at pipeline.nice's default").content()
        .contains("priority: nice 19 (pipeline.nice)");
    JsonNode evaluate = record.path("steps").get(3).path("outputs");
    assertThat(evaluate.path("held-out.champion.version").asText()).isEqualTo("v1");
    assertThat(evaluate.path("held-out.candidate.ece").asText()).matches("0\\.[0-9]{4}");

    JsonNode champion = cli(cluster, "models", "list", "--json").jsonLines().stream()
        .filter(m -> m.path("stage").asText().equals("champion")).findFirst().orElseThrow();
    assertThat(champion.path("version").asText()).isEqualTo(version);
    assertThat(champion.path("previousChampion").asText()).isEqualTo("v1");
    assertThat(champion.path("location").asText()).startsWith(dir.resolve("store").toAbsolutePath().toString());
    assertThat(champion.at("/lineage/parentVersion").asText()).isEqualTo("v1");
    assertThat(champion.at("/lineage/trainingDataHashes/0").asText()).isEqualTo(snapshot.path("sha256").asText());
    assertThat(champion.at("/lineage/settings/pipeline_run").asText()).isEqualTo(record.path("runId").asText());
    assertThat(champion.at("/lineage/settings/data_rows").asText()).isEqualTo(Integer.toString(N));
    assertThat(champion.at("/lineage/settings/epochs").asText()).isEqualTo("5");
    CodeVersion build = CodeVersion.ofThisBuild();
    assertThat(champion.at("/lineage/settings/code_version").asText()).isEqualTo(build.describe());
    assertThat(champion.at("/lineage/gitCommit").textValue()).isEqualTo(build.gitCommit().orElse(null));
    assertThat(cli(cluster, "pipeline", "show", record.path("runId").asText()).out())
        .contains("out code_version=" + build.describe());
    assertThat(champion.path("evaluations")).isNotEmpty();
    // as train writes it: live quality holds the new champion against its held-out macro-F1
    Path championDir = Path.of(champion.path("location").asText());
    assertThat(Baseline.parse(Files.readAllBytes(championDir.resolve(Baseline.FILE))).testMacroF1()).isPresent();

    Cli refused = cli(cluster, "pipeline", "run", "--channel", "email", "--set", "pipeline.rollout=promote");

    assertThat(refused.status()).as(refused.out() + refused.err()).isEqualTo(ExitStatus.REFUSED);
    assertThat(refused.err().strip()).hasLineCount(1).startsWith("Refused: pipeline run r")
        .contains(" checks: 1 rows, below pipeline.checks.min-rows 200; no items labelled neutral (0), positive (1)");
    assertThat(champion(cluster)).contains(version);

    List<JsonNode> runs = cli(cluster, "pipeline", "list", "--json").jsonLines();
    assertThat(runs).extracting(r -> r.path("status").asText()).containsExactly("refused", "succeeded");
    assertThat(runs.get(0).path("steps").findValuesAsText("name")).containsExactly("snapshot", "checks");
    assertThat(runs.get(0).at("/steps/0/outputs/rows").asText()).isEqualTo("1");
    assertThat(runs.get(0).at("/steps/0/outputs/label.-1").asText()).isEqualTo("1");
    assertThat(runs.get(1).path("runId").asText()).isEqualTo(record.path("runId").asText());
    Cli show = cli(cluster, "pipeline", "show", runs.get(0).path("runId").asText());
    assertThat(show.out()).contains("refused").contains("checks    refused")
        .contains("reason: checks: 1 rows, below pipeline.checks.min-rows 200");

    // the instance follows pipeline.runs: both runs on /api/pipeline/runs, newest first, and counted by outcome
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      JsonNode shown = JSON.readTree(live.get(instance, "/api/pipeline/runs").body()).path("runs");
      assertThat(shown.findValuesAsText("runId")).containsExactly(runs.get(0).path("runId").asText(),
          record.path("runId").asText());
      assertThat(shown.get(1).path("steps").findValuesAsText("status")).containsOnly("succeeded").hasSize(6);
      assertThat(live.get(instance, "/metrics").body()).contains(
          "feedback_pipeline_runs_total{outcome=\"succeeded\"} 1.0", "feedback_pipeline_runs_total{outcome=\"refused\"} 1.0")
          .containsPattern("feedback_pipeline_step_seconds_count\\{status=\"refused\",step=\"checks\"} 1(\\.0)?\n")
          .containsPattern("feedback_pipeline_step_seconds_count\\{status=\"succeeded\",step=\"train\"} 1(\\.0)?\n");
    });

    // e-1 relabelled now: pipeline watch counts one new e-mail label since the newest run and starts a run on it
    try (KafkaProducer<byte[], byte[]> producer = RawProducers.to(live.broker.bootstrapServers())) {
      producer.send(new ProducerRecord<>("feedback.labels", "email:e-1".getBytes(StandardCharsets.UTF_8),
          JSON.writeValueAsBytes(JSON.createObjectNode().put("id", "email:e-1").put("label", 1)
              .put("source", "review_queue"))));
    }
    // one e-mail is labelled: with min-rows 1 the watch starts the run, which its checks refuse (one label)
    Cli watch = cli(cluster, "pipeline", "watch", "--channel", "email", "--max-runs", "1",
        "--set", "pipeline.trigger.min-new-labels=1", "--set", "pipeline.watch.interval=PT0.5S",
        "--set", "pipeline.checks.min-rows=1");
    assertThat(watch.status()).as(watch.out() + watch.err()).isEqualTo(ExitStatus.REFUSED);
    assertThat(watch.out()).contains("starting a run: labels: 1 labels since ");
    JsonNode watched = cli(cluster, "pipeline", "list", "--json").jsonLines().get(0);
    assertThat(watched.path("trigger").asText()).startsWith("labels: 1 labels since ")
        .endsWith("(pipeline.trigger.min-new-labels 1)");
    assertThat(watched.at("/steps/0/outputs/label.1").asText()).isEqualTo("1");

    theWatchRunsInsideRunWithPipelineEnabled(live, cluster);
  }

  /**
   * pipeline.enabled: run starts pipeline watch in its own process, on a thread at pipeline.nice, and the watch
   * sees a label that arrives. With min-rows above the labelled items it starts no run and says why, so the
   * check costs a service start and no training; a SIGTERM stops the watch and the service cleanly.
   */
  private void theWatchRunsInsideRunWithPipelineEnabled(LiveServiceFixture live, String[] cluster) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = RawProducers.to(live.broker.bootstrapServers())) {
      producer.send(new ProducerRecord<>("feedback.labels", "chat:m-5".getBytes(StandardCharsets.UTF_8),
          JSON.writeValueAsBytes(JSON.createObjectNode().put("id", "chat:m-5").put("label", 0)
              .put("source", "review_queue"))));
    }
    Path log = dir.resolve("run-with-pipeline.log");
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(List.of(cluster));
    Map.of("model.dir", TINY_ROBERTA.toString(), "model.intra-op-threads", "1",
        "application.id", "ground-truth-it-pipeline-enabled", "kafka.state.dir", dir.resolve("state-run").toString(),
        "http.host", "127.0.0.1", "http.port", "0", "topics.partitions", "2", "topics.replication-factor", "1",
        "pipeline.enabled", "true", "pipeline.watch.interval", "PT0.5S")
        .forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    args.addAll(List.of("--set", "pipeline.trigger.min-new-labels=1", "--set", "pipeline.checks.min-rows=100000",
        // this instance is here for its watch: it scores only what comes after it starts, not the backlog
        "--set", "kafka.auto.offset.reset=latest"));
    Process service = TestJvm.main(App.class.getName()).jvmOptions("-Xmx512m", "-XX:TieredStopAtLevel=1")
        .args(args).processBuilder().redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int exit;
    try {
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
          .until(() -> Files.readString(log).contains("not starting a run (labels: 1 labels since "));
    } finally {
      service.destroy();
      exit = service.waitFor(60, TimeUnit.SECONDS) ? service.exitValue() : -1;
      service.destroyForcibly();
    }
    String said = Files.readString(log);
    assertThat(said).contains("pipeline.enabled: pipeline watch runs in this process at nice 19 (pipeline.nice)")
        .contains("below pipeline.checks.min-rows 100000: waiting for labels")
        .doesNotContain("runs at normal priority").doesNotContain("pipeline watch ended with status");
    assertThat(exit).as(said).isZero();
  }


  private static Optional<String> champion(String[] cluster) throws Exception {
    return cli(cluster, "models", "list", "--json").jsonLines().stream()
        .filter(m -> m.path("stage").asText().equals("champion")).map(m -> m.path("version").asText()).findFirst();
  }

  private static List<Map<String, String>> rows(Path csv) throws Exception {
    try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
      return it.readAll();
    }
  }

  private static Process consoleProducer(String bootstrap, String topic) throws Exception {
    return TestJvm.main("org.apache.kafka.tools.ConsoleProducer")
        .args("--bootstrap-server", bootstrap, "--topic", topic, "--reader-property", "parse.key=true")
        .processBuilder().redirectErrorStream(true).start();
  }
}
