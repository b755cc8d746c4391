package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.Prerequisites.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.feedbackpulse.App;
import io.feedbackpulse.inference.Baseline;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.onnx.SafeTensors;
import io.feedbackpulse.testing.TestJvm;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `train` in its own JVM, kept small: the fine-tuning step (Python; one layer, one epoch, 270 rows of three
 * sources) and the frozen-encoder head (Java; the first 200 rows of the committed review sample) each write a
 * model directory that loads and scores, plus the held-out split it reports on.
 */
class TrainCommandIT {
  static final String SAMPLE = "src/main/resources/sample/reviews-sample.csv";
  static final String PYTHON = "/usr/bin/python3";
  /** Reviews the frozen-encoder head trains on: the encoding is its slow part. */
  static final int REVIEWS = 200;

  /**
   * One fine-tuning run (the Python step is the slow part) shows both what the model directory holds and how the
   * report splits figures by source and domain.
   */
  @Test
  void fineTunesTheTopLayerOnSeveralSourcesWritesAModelThatOnnxRuntimeScoresAsTrained(@TempDir Path dir)
      throws Exception {
    require(pythonHasTorch(), PYTHON + " has no torch/onnx (Debian: python3-torch python3-onnx); .ci/run installs them");
    Path multidomain = SHARED_DATA.stream().map(d -> d.resolve("multidomain/sentiment_multidomain_train.csv"))
        .filter(Files::isRegularFile).findFirst().orElse(null);
    require(multidomain != null, "the shared multi-domain data is not beside the checkout");
    // 90 rows of each of three sources (30 per class where the source has them)
    Path slice = dir.resolve("multidomain-slice.csv");
    writeSlice(multidomain, slice, List.of("semeval2013", "sanders", "vader-icwsm2014"), 30);

    Run run = train(dir, "--data", slice.toString(), "--top-layers", "1", "--epochs", "1", "--json");

    assertThat(run.exit).as(run.stdout + run.stderr).isZero();
    // each 90-row source, per class: round(0.15 * 30) = 5 held out, round(0.1 * 25) = 3 (rounded from 2.5)
    // validate, 22 train
    int train = 3 * 66;
    int validation = 3 * 9;
    assertThat(run.stdout).contains("train " + train + ", validation " + validation + ", held-out test " + 3 * 15);
    assertThat(run.stdout)
        .containsPattern("check: 16 validation texts through ONNX Runtime agree with the training step to [0-9.]+e-(0[5-9]|[1-9][0-9])")
        .contains("held-out test split, balanced")
        .contains("held-out split by source").contains("held-out split by domain")
        .containsPattern("sanders +15 ").containsPattern("tweet +[0-9]+ ");
    JsonNode figures = new ObjectMapper().readTree(run.stdout.strip().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(figures.get("by_source").fieldNames()).toIterable()
        .containsExactly("semeval2013", "sanders", "vader-icwsm2014");
    assertThat(figures.at("/by_source/semeval2013/n").asInt()).isEqualTo(15);
    assertThat(figures.at("/all/n").asInt()).isEqualTo(45);
    assertThat(figures.at("/by_domain/tweet/macro_f1").asDouble()).isBetween(0.0, 1.0);
    assertThat(figures.at("/natural/calibration/ece").asDouble()).isBetween(0.0, 1.0);
    assertThat(Files.readString(dir.resolve("report/report.json")).strip()).isEqualTo(figures.toString());

    // the training rows carry weights balancing sources and classes; validation rows their source
    String firstRow = Files.readAllLines(dir.resolve("work/fine-tuning/train.jsonl")).get(0);
    assertThat(new ObjectMapper().readTree(firstRow).has("weight")).isTrue();
    Path model = dir.resolve("model");
    JsonNode calibration = new ObjectMapper().readTree(model.resolve("calibration.json").toFile());
    assertThat(calibration.get("count").asInt()).isEqualTo(validation);
    assertThat(calibration.get("nll_after").asDouble()).isLessThanOrEqualTo(calibration.get("nll_before").asDouble());

    JsonNode config = new ObjectMapper().readTree(model.resolve("config.json").toFile()).get("feedback_pulse");
    assertThat(config.get("encoder_weights").asText()).isEqualTo("encoder-weights.safetensors");
    assertThat(config.get("model").asText()).isEqualTo("classpath:/bge-small-en-v1.5.onnx");
    assertThat(config.at("/training/top_layers").asInt()).isEqualTo(1);
    assertThat(config.at("/training/best_epoch").asInt()).isEqualTo(1);

    // layer 11 only: 6 dense weights + 6 biases + 2 LayerNorms (weight and bias)
    Map<String, SafeTensors.Tensor> weights = SafeTensors.read(
        Files.readAllBytes(model.resolve("encoder-weights.safetensors")), "encoder-weights.safetensors");
    assertThat(weights).hasSize(16);
    assertThat(weights.keySet().stream().filter(n -> n.startsWith("encoder.layer."))).allMatch(n -> n.startsWith("encoder.layer.11."));
    assertThat(Files.size(model.resolve("encoder-weights.safetensors"))).isBetween(3_000_000L, 4_000_000L);

    Baseline baseline = Baseline.parse(Files.readAllBytes(model.resolve("baseline.json")));
    assertThat(baseline.count()).isEqualTo(train + validation);
    assertThat(baseline.modelScores()).hasValueSatisfying(scores -> {
      assertThat(scores.count()).isEqualTo(validation);
      assertThat(scores.meanConfidence()).isBetween(1 / 3.0, 1.0);
      assertThat(scores.shares()[0] + scores.shares()[1] + scores.shares()[2]).isCloseTo(1.0, within(1e-9));
    });

    List<String> heldOut = Files.readAllLines(dir.resolve("report/test-split.csv"));
    assertThat(heldOut.get(0)).startsWith("text,label");
    try (SentimentModel tuned = SentimentModel.load(ModelSource.of(model.toString()), InferenceOptions.DEFAULT)) {
      assertThat(tuned.lineage().version()).isEqualTo("bge-small-en-v1.5+top1-fine-tuned-2");
      assertThat(tuned.predict("Fits perfectly, love the colour").label()).isEqualTo(Sentiment.POSITIVE);
    }
  }

  @Test
  void frozenEncoderTrainsAHeadInJavaWithNoPython(@TempDir Path dir) throws Exception {
    Path reviews = dir.resolve("reviews.csv");
    writeFirstRows(Path.of(SAMPLE), reviews, REVIEWS);
    Run run = train(dir, "--data", reviews.toString(), "--encoder", "frozen", "--epochs", "5",
        "--python", "/nonexistent/python3", "--progress-interval", "0");

    assertThat(run.exit).as(run.stdout).isZero();
    // how far encoding and the test report have come is on stderr; stdout keeps what training found
    assertThat(run.stderr).contains("encoded 152 of 152 texts (").contains("scored 31 of 31 texts (");
    assertThat(run.stdout).contains("train 152, validation 17, held-out test 31")
        .doesNotContain("encoded ").doesNotContain("scored ");
    Path model = dir.resolve("model");
    assertThat(model.resolve("encoder-weights.safetensors")).doesNotExist();
    JsonNode config = new ObjectMapper().readTree(model.resolve("config.json").toFile()).get("feedback_pulse");
    assertThat(config.has("encoder_weights")).isFalse();
    assertThat(config.at("/training/method").asText()).isEqualTo("frozen encoder + head");
    assertThat(model.resolve("head.json")).exists();
    assertThat(model.resolve("baseline.json")).exists();

    // evaluate rebuilds the held-out split from the data and the seed, without the file train wrote
    JsonNode fromFile = evaluate("--data", dir.resolve("report/test-split.csv").toString(), "--model", model.toString());
    JsonNode rebuilt = evaluate("--data", reviews.toString(), "--test-split", "20261129", "--model", model.toString());
    assertThat(rebuilt.get("n").asInt()).isEqualTo(31);
    for (String figure : List.of("n", "accuracy", "macro_f1", "confusion")) {
      assertThat(rebuilt.get(figure)).as(figure).isEqualTo(fromFile.get(figure));
    }
  }

  private static JsonNode evaluate(String... options) throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = App.commandLine();
    cli.setOut(new PrintWriter(out, true));
    List<String> args = new ArrayList<>(List.of("evaluate", "--json"));
    args.addAll(List.of(options));
    assertThat(cli.execute(args.toArray(String[]::new))).isZero();
    List<String> lines = out.toString().strip().lines().toList();
    return new ObjectMapper().readTree(lines.get(lines.size() - 1));
  }

  @Test
  void fineTuningWithoutAUsablePythonSaysWhatToInstall(@TempDir Path dir) throws Exception {
    Run run = train(dir, "--data", SAMPLE, "--python", "/nonexistent/python3");

    assertThat(run.exit).isEqualTo(1);
    assertThat(run.stderr).contains("train: fine-tuning needs /nonexistent/python3 with torch, onnx and numpy")
        .contains("python3-torch").contains("--encoder frozen");
    assertThat(dir.resolve("model/config.json")).doesNotExist();
  }

  /** Where the shared data may lie: beside the checkout (CI, the main checkout), or the workplace's copy. */
  static final List<Path> SHARED_DATA = List.of(Path.of("../shared/data"), Path.of("/work/shared/data"));

  private static void writeSlice(Path from, Path to, List<String> sources, int perClass) throws Exception {
    CsvMapper csv = new CsvMapper();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<Map<String, String>> kept = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    try (MappingIterator<Map<String, String>> rows =
        csv.readerForMapOf(String.class).with(schema).readValues(from.toFile())) {
      while (rows.hasNext()) {
        Map<String, String> row = rows.next();
        String key = row.get("source") + "/" + row.get("label");
        if (sources.contains(row.get("source")) && counts.merge(key, 1, Integer::sum) <= perClass) {
          kept.add(row);
        }
      }
    }
    CsvSchema out = CsvSchema.builder()
        .addColumn("text").addColumn("label").addColumn("domain").addColumn("source").build().withHeader();
    csv.writer(out).writeValue(to.toFile(), kept);
  }

  /** The first rows of a CSV file with a header, quoted texts and all. */
  private static void writeFirstRows(Path from, Path to, int rows) throws IOException {
    CsvMapper csv = new CsvMapper();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<Map<String, String>> kept = new ArrayList<>();
    CsvSchema.Builder columns = CsvSchema.builder();
    try (MappingIterator<Map<String, String>> all =
        csv.readerForMapOf(String.class).with(schema).readValues(from.toFile())) {
      while (all.hasNext() && kept.size() < rows) {
        kept.add(all.next());
      }
      ((CsvSchema) all.getParser().getSchema()).forEach(column -> columns.addColumn(column.getName()));
    }
    csv.writer(columns.build().withHeader()).writeValue(to.toFile(), kept);
  }

  private record Run(int exit, String stdout, String stderr) {}

  private static Run train(Path dir, String... options) throws Exception {
    Path stderr = dir.resolve("stderr.txt");
    Process process = TestJvm.main("io.feedbackpulse.App")
        .jvmOptions("-Dlogback.configurationFile=" + Path.of("src/main/resources/logback.xml").toAbsolutePath(),
            "-Dfeedbackpulse.model.cache=" + Path.of("target/model-cache").toAbsolutePath())
        .args("train", "--out", dir.resolve("model").toString(),
            "--report-dir", dir.resolve("report").toString(), "--work-dir", dir.resolve("work").toString())
        .args(options)
        .processBuilder().redirectError(stderr.toFile()).start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), stdout, Files.readString(stderr));
  }

  private static boolean pythonHasTorch() throws Exception {
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import torch, onnx, numpy").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
