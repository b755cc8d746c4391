package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedbackpulse.App;
import io.feedbackpulse.avro.AgreementWindow;
import io.feedbackpulse.avro.ChallengeMode;
import io.feedbackpulse.avro.ComparisonKind;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ModelInfo;
import io.feedbackpulse.avro.Probabilities;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistrySettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The model lifecycle commands against a real in-process broker and schema registry, every outcome read back from
 * model.registry. The models: tiny-roberta (v1), a copy whose config.json names version v3 (another model id, the
 * same predictions), and a copy whose id2label is rotated so that every label it gives is wrong (v2). The eval set
 * is labelled with tiny-roberta's own predictions: v1 and v3 score macro-F1 1.0 on it by construction, v2 0.0.
 * Its 20 rows are far below the gate's minimums on an eval set, which this test is not about: the commands run
 * with them lowered to 0, except where a step says it keeps the defaults.
 */
class ModelsCommandIT {
  private static final List<String> TEXTS = List.of(
      "The zip broke on the first day", "I love this dress, it fits perfectly", "It is a shirt",
      "Terrible customer service, never again", "Arrived on time", "The colour is lovely and the fabric is soft",
      "Way too small and the seams came apart", "Okay for the price", "Absolutely gorgeous, bought two",
      "The package was opened and a button was missing", "Runs large, order a size down", "Meh",
      "Best purchase this year", "Refund took six weeks", "The blue one is darker than in the picture",
      "Comfortable, warm and stylish", "Cheap material, returned it", "Delivered to the wrong address",
      "Fine", "I wear it every weekend");

  @TempDir
  Path dir;

  record Run(int status, String out, String err) {}

  @Test
  void registerShadowCanaryPromoteRollbackAndArchiveOnTheRegistryTopic() throws Exception {
    Path v1 = copy(TINY_ROBERTA, dir.resolve("v1"));
    Path v3 = copy(TINY_ROBERTA, dir.resolve("v3"));
    setConfig(v3, config -> ((ObjectNode) config).putObject("feedback_pulse").put("version", "v3"));
    Path worse = copy(TINY_ROBERTA, dir.resolve("worse"));
    setConfig(worse, config -> {
      ObjectNode rotated = ((ObjectNode) config).putObject("id2label");
      rotated.put("0", "negative").put("1", "neutral").put("2", "positive");
      ((ObjectNode) config).putObject("label2id").put("negative", 0).put("neutral", 1).put("positive", 2);
    });
    Path eval = evalSetOfTinyRobertasOwnLabels(dir.resolve("eval.csv"));

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Models models = new Models(broker, registry, dir.resolve("cache"));

      Run first = models.run("register", "--dir", v1.toString(), "--version", "v1", "--eval", eval.toString());
      assertThat(first.status()).as(first.err()).isZero();
      assertThat(first.out()).contains("registered v1").contains("macro-F1 1.0000 on eval.csv (n=20)");
      assertThat(models.run("register", "--dir", worse.toString(), "--version", "v2").status()).isZero();
      assertThat(models.run("register", "--dir", v3.toString()).out()).contains("registered v3");
      Path corrupt = copy(TINY_ROBERTA, dir.resolve("corrupt"));
      byte[] onnx = Files.readAllBytes(corrupt.resolve("model.onnx"));
      Files.write(corrupt.resolve("model.onnx"), Arrays.copyOf(onnx, onnx.length / 2));
      Run notLoading = models.run("register", "--dir", corrupt.toString(), "--version", "v4");
      assertThat(notLoading.status()).isEqualTo(ExitStatus.MODEL_NOT_LOADED);
      assertThat(notLoading.err().strip()).hasLineCount(1).contains("version v4 does not load");

      Run again = models.run("register", "--dir", v1.toString(), "--version", "v1");
      assertThat(again.status()).isZero();
      assertThat(again.out()).contains("v1 is already registered");
      Run clash = models.run("register", "--dir", worse.toString(), "--version", "v1");
      assertThat(clash.status()).isEqualTo(ExitStatus.REFUSED);
      assertThat(clash.err().strip()).hasLineCount(1).contains("already registered with model id");

      Run table = models.run("list");
      assertThat(table.out().lines().skip(1).map(l -> l.split("\\s+")[0] + " " + l.split("\\s+")[1]))
          .as("nothing of v4").containsExactly("v1 candidate", "v2 candidate", "v3 candidate");

      assertThat(models.run("shadow", "v2").err()).contains("no champion");
      Run firstPromotion = models.run("promote", "v1");
      assertThat(firstPromotion.status()).as(firstPromotion.err()).isZero();
      assertThat(firstPromotion.out()).contains("v1 is the champion").contains("no champion to compare v1 with");

      assertThat(models.run("shadow", "v2").status()).isZero();
      assertThat(models.manifest("v2").path("stage").asText()).isEqualTo("challenger");
      assertThat(models.run("canary", "v2", "--share", "0.1").status()).isZero();
      assertThat(models.manifest("v2").path("trafficShare").asDouble()).isEqualTo(0.1);
      assertThat(models.run("canary", "v3", "--share", "1.5").status()).isEqualTo(ExitStatus.REFUSED);
      assertThat(models.run("canary", "v3", "--share", "0.2").status()).isZero();
      assertThat(models.manifest("v3").path("stage").asText()).isEqualTo("challenger");
      assertThat(models.manifest("v2").path("stage").asText()).isEqualTo("candidate");

      Path empty = Files.writeString(dir.resolve("empty.csv"), "text,label\n");
      Run nothingToGateOn = models.runAtTheGatesDefaults("promote", "v2", "--eval", empty.toString());
      assertThat(nothingToGateOn.status()).isEqualTo(ExitStatus.REFUSED);
      assertThat(nothingToGateOn.err().strip()).hasLineCount(1).contains("not promoting v2: the gate refused: "
          + "eval set empty.csv is too small to gate on: 0 items, below models.gate.min-eval-items 200");
      assertThat(models.manifest("v1").path("evaluations")).as("v1's figures on eval.csv alone").hasSize(1)
          .allSatisfy(e -> assertThat(e.path("macroF1").asDouble()).isEqualTo(1.0));
      assertThat(models.manifest("v2").path("evaluations")).isEmpty();

      Run refused = models.run("promote", "v2", "--eval", eval.toString());
      assertThat(refused.status()).isEqualTo(ExitStatus.REFUSED);
      assertThat(refused.err().strip()).hasLineCount(1)
          .contains("macro-F1 0.0000 of v2 is below 1.0000 of champion v1 minus models.gate.max-regression 0.0100");
      assertThat(models.manifest("v1").path("stage").asText()).isEqualTo("champion");
      assertThat(models.manifest("v2").path("evaluations").get(0).path("macroF1").asDouble()).isZero();

      Run forced = models.run("promote", "v2", "--force");
      assertThat(forced.status()).as(forced.err()).isZero();
      JsonNode v2 = models.manifest("v2");
      assertThat(v2.path("stage").asText()).isEqualTo("champion");
      assertThat(v2.path("previousChampion").asText()).isEqualTo("v1");
      JsonNode forcedChange = last(v2.path("history"));
      assertThat(forcedChange.path("command").asText()).isEqualTo("promote");
      assertThat(forcedChange.path("forced").asBoolean()).isTrue();
      assertThat(forcedChange.path("gate").asText()).startsWith("forced past the gate, which refused: macro-F1 0.0000");
      assertThat(forcedChange.path("by").asText()).isEqualTo(System.getProperty("user.name"));
      assertThat(last(models.manifest("v1").path("history")).path("command").asText()).isEqualTo("demoted");

      Run rollback = models.run("rollback");
      assertThat(rollback.status()).as(rollback.err()).isZero();
      assertThat(models.manifest("v1").path("stage").asText()).isEqualTo("champion");
      assertThat(models.manifest("v2").path("stage").asText()).isEqualTo("candidate");

      String v1Id = models.manifest("v1").path("modelId").asText();
      String v3Id = models.manifest("v3").path("modelId").asText();
      models.comparisonWindow(v1Id, v3Id, 100, 0.5);
      Run disagreeing = models.run("promote", "v3", "--eval", eval.toString(),
          "--set", "models.gate.min-agreement=0.9");
      assertThat(disagreeing.status()).isEqualTo(ExitStatus.REFUSED);
      assertThat(disagreeing.err()).contains("live agreement 0.5000 over 100 items is below "
          + "models.gate.min-agreement 0.9000");

      Run better = models.run("promote", "v3", "--eval", eval.toString());
      assertThat(better.status()).as(better.err()).isZero();
      assertThat(better.out()).contains("v3 is the champion (was v1)")
          .contains("macro-F1 1.0000 of v3 vs 1.0000 of champion v1 on eval.csv (n=20)")
          .contains("live agreement 0.5000 over 100 items");
      assertThat(last(models.manifest("v3").path("history")).path("forced").asBoolean()).isFalse();

      assertThat(models.run("archive", "v3").status()).isEqualTo(ExitStatus.REFUSED);
      assertThat(models.run("archive", "v1").status()).isZero();
      assertThat(models.manifest("v1").path("stage").asText()).isEqualTo("archived");
      Run noRollback = models.run("rollback");
      assertThat(noRollback.status()).isEqualTo(ExitStatus.REFUSED);
      assertThat(noRollback.err()).contains("v1 was archived");

      Run forcedOnNothing = models.runAtTheGatesDefaults("promote", "v2", "--eval", empty.toString(), "--force");
      assertThat(forcedOnNothing.status()).as(forcedOnNothing.err()).isZero();
      JsonNode forcedV2 = models.manifest("v2");
      assertThat(last(forcedV2.path("history")).path("forced").asBoolean()).isTrue();
      assertThat(last(forcedV2.path("history")).path("gate").asText())
          .startsWith("forced past the gate, which refused: eval set empty.csv is too small to gate on");
      assertThat(forcedV2.path("evaluations")).as("nothing measured on empty.csv").hasSize(1)
          .allSatisfy(e -> assertThat(e.path("evalSetName").asText()).isEqualTo("eval.csv"));

      assertThat(models.all()).extracting(m -> m.path("version").asText() + " " + m.path("stage").asText())
          .containsExactly("v1 archived", "v2 champion", "v3 candidate");
    }
  }

  @Test
  void withoutAutoRegisterAWritingCommandNamesTheSubjectToRegisterInOneLine() throws Exception {
    Path v1 = copy(TINY_ROBERTA, dir.resolve("v1"));
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Models models = new Models(broker, registry, dir.resolve("cache"), false);

      Run refused = models.run("register", "--dir", v1.toString(), "--version", "v1");
      assertThat(refused.status()).isEqualTo(ExitStatus.NOT_SET_UP);
      assertThat(refused.err().strip()).hasLineCount(1)
          .contains("schema.registry.auto-register=false").contains("model.registry-value")
          .contains("register them with 'feedback-pulse register-schemas'");
      assertThat(models.run("list").status()).as("reading needs no subject").isZero();

      Run schemas = models.command("register-schemas", "--set", "schema.registry.url=" + registry.url());
      assertThat(schemas.status()).as(schemas.err()).isZero();
      Run registered = models.run("register", "--dir", v1.toString(), "--version", "v1");
      assertThat(registered.status()).as(registered.err()).isZero();
      assertThat(models.manifest("v1").path("stage").asText()).isEqualTo("candidate");
    }
  }

  /** The commands, run as a user runs them, against this broker and registry. */
  private static final class Models {
    private final EmbeddedKafkaBroker broker;
    private final InMemorySchemaRegistry registry;
    private final Path cache;
    private final boolean autoRegister;

    Models(EmbeddedKafkaBroker broker, InMemorySchemaRegistry registry, Path cache) {
      this(broker, registry, cache, true);
    }

    Models(EmbeddedKafkaBroker broker, InMemorySchemaRegistry registry, Path cache, boolean autoRegister) {
      this.broker = broker;
      this.registry = registry;
      this.cache = cache;
      this.autoRegister = autoRegister;
    }

    /** With the gate's minimums on an eval set lowered to 0: this test's set has 20 rows. */
    Run run(String... args) {
      List<String> all = new ArrayList<>(List.of(args));
      all.addAll(List.of("--set", "models.gate.min-eval-items=0", "--set", "models.gate.min-per-class=0"));
      return runAtTheGatesDefaults(all.toArray(String[]::new));
    }

    Run runAtTheGatesDefaults(String... args) {
      List<String> all = new ArrayList<>(List.of("models"));
      all.addAll(List.of(args));
      all.addAll(List.of("--bootstrap-servers", broker.bootstrapServers(),
          "--set", "schema.registry.url=" + registry.url(), "--set", "schema.registry.auto-register=" + autoRegister,
          "--set", "topics.partitions=1", "--set", "models.cache-dir=" + cache));
      return command(all.toArray(String[]::new));
    }

    Run command(String... all) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = App.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int status = cli.execute(all);
      return new Run(status, out.toString(), err.toString());
    }

    List<JsonNode> all() throws Exception {
      Run list = run("list", "--json");
      assertThat(list.status()).as(list.err()).isZero();
      List<JsonNode> manifests = new ArrayList<>();
      for (String line : list.out().strip().split("\n")) {
        manifests.add(new ObjectMapper().readTree(line));
      }
      return manifests;
    }

    JsonNode manifest(String version) throws Exception {
      return all().stream().filter(m -> m.path("version").asText().equals(version)).findFirst().orElseThrow();
    }

    /** One window record of channel all, as the serving side writes it while v3 is the challenger. */
    void comparisonWindow(String championId, String challengerId, long n, double agreement) throws Exception {
      Probabilities even = new Probabilities(1 / 3.0, 1 / 3.0, 1 / 3.0);
      Instant end = Instant.now();
      ModelComparison window = ModelComparison.newBuilder()
          .setKind(ComparisonKind.window).setChannel("all").setMode(ChallengeMode.canary)
          .setChampion(new ModelInfo(championId, "v1")).setChallenger(new ModelInfo(challengerId, "v3"))
          .setWindow(AgreementWindow.newBuilder().setWindowStart(end.minusSeconds(300)).setWindowEnd(end).setN(n)
              .setAgreement(agreement).setConfusion(List.of(List.of(0L, 0L, 0L), List.of(0L, 0L, 0L),
                  List.of(0L, 0L, 0L)))
              .setChampionShares(even).setChallengerShares(even).setChampionMeanConfidence(0.5)
              .setChallengerMeanConfidence(0.5).build())
          .build();
      Properties p = new Properties();
      p.put("bootstrap.servers", broker.bootstrapServers());
      var serializer = new AvroSerdes(RegistrySettings.of(registry.url()).withAutoRegister(true))
          .specific(ModelComparison.class, false).serializer();
      try (Admin admin = Admin.create(p)) {
        admin.createTopics(List.of(new NewTopic("model.comparison", 1, (short) 1))).all().get();
      }
      try (KafkaProducer<String, ModelComparison> producer = new KafkaProducer<>(p, new StringSerializer(),
          serializer)) {
        producer.send(new ProducerRecord<>("model.comparison", "all", window)).get();
      }
    }
  }

  private static Path evalSetOfTinyRobertasOwnLabels(Path file) throws Exception {
    StringBuilder csv = new StringBuilder("text,label\n");
    try (SentimentModel model = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()),
        InferenceOptions.DEFAULT)) {
      for (String text : TEXTS) {
        csv.append('"').append(text).append("\",").append(model.predict(text).label().name().toLowerCase(Locale.ROOT))
            .append('\n');
      }
    }
    return Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
  }

  private static Path copy(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  private static void setConfig(Path model, Consumer<JsonNode> change) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode config = json.readTree(model.resolve("config.json").toFile());
    change.accept(config);
    json.writerWithDefaultPrettyPrinter().writeValue(model.resolve("config.json").toFile(), config);
  }

  private static JsonNode last(JsonNode array) {
    return array.get(array.size() - 1);
  }
}
