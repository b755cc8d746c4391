package io.feedbackpulse.inference;

import io.feedbackpulse.onnx.ActivationRanges;
import io.feedbackpulse.onnx.InitializerOverrides;
import io.feedbackpulse.onnx.Int8Quantization;
import io.feedbackpulse.onnx.ModelFileException;
import io.feedbackpulse.onnx.SafeTensors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sentiment model loaded from a model directory: tokenizer, ONNX graph (with an optional head),
 * label mapping, window length, lineage and baseline. Thread-safe: ONNX Runtime sessions and the
 * tokenizer may be called concurrently.
 *
 * <p>{@link #close()} frees native memory the ONNX Runtime session and the tokenizer still use while a call
 * runs; freeing it under a running call crashes the JVM (SIGSEGV in libonnxruntime). So each call holds the
 * read side of a lock, and close takes the write side: it waits for the calls in flight, and a call that
 * comes after it throws {@link ModelClosedException}.
 */
public final class SentimentModel implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SentimentModel.class);
  private static final String CONFIG = "config.json";
  /** Encodings kept of costed texts: several batches of {@code batch.max-size} on each stream thread. */
  private static final int KEPT_ENCODINGS = 2048;

  private final ModelConfig config;
  private final TextTokenizer tokenizer;
  /** What texts are tokenized through, around {@link #tokenizer} (which is held to be closed). */
  private final TextEncoder encoder;
  private final EncodingCache encodings;
  private final OnnxGraph graph;
  private final WindowClassifier classifier;
  private final TextWindows windows;
  private final ModelLineage lineage;
  private final Optional<Baseline> baseline;
  private final Calibration calibration;
  private final int maxBatchRows;
  /** Read side: a call in flight; write side: close. */
  private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();
  private boolean closed;

  private SentimentModel(ModelConfig config, TextTokenizer tokenizer, OnnxGraph graph, WindowClassifier classifier,
      ModelLineage lineage, Optional<Baseline> baseline, Calibration calibration, InferenceOptions options,
      UnaryOperator<TextEncoder> encoderView) {
    this.config = config;
    this.tokenizer = tokenizer;
    this.encoder = encoderView.apply(tokenizer);
    this.encodings = new EncodingCache(encoder, KEPT_ENCODINGS);
    this.graph = graph;
    this.classifier = classifier;
    this.windows = new TextWindows(config.maxLength(), options.longText());
    this.lineage = lineage;
    this.baseline = baseline;
    this.calibration = calibration;
    this.maxBatchRows = options.maxBatchRows();
  }

  public static SentimentModel load(ModelSource source, InferenceOptions options) {
    return load(source, options, Optional.empty());
  }

  /**
   * @param registeredVersion the version name results carry, when the registry names the model (else config.json's)
   */
  public static SentimentModel load(ModelSource source, InferenceOptions options,
      Optional<String> registeredVersion) {
    return load(source, options, registeredVersion, UnaryOperator.identity());
  }

  /** @param encoderView what the model tokenizes through, around its tokenizer (tests count the calls) */
  static SentimentModel load(ModelSource source, InferenceOptions options, Optional<String> registeredVersion,
      UnaryOperator<TextEncoder> encoderView) {
    try {
      return loadFrom(source, options, registeredVersion, encoderView);
    } catch (ModelLoadException e) {
      throw e;
    } catch (ModelFileException e) {
      // A graph, weights or ranges file the onnx toolchain refused: to the caller, a model that does not load.
      throw new ModelLoadException(e.getMessage(), e);
    }
  }

  private static SentimentModel loadFrom(ModelSource source, InferenceOptions options,
      Optional<String> registeredVersion, UnaryOperator<TextEncoder> encoderView) {
    long started = System.nanoTime();
    byte[] configBytes = source.read(CONFIG);
    ModelConfig config = ModelConfig.parse(configBytes);
    if (options.maxLength() > 0) {
      config = config.withMaxLength(Math.min(options.maxLength(), config.maxLength()));
    }
    Path onnx = source.file(config.modelFile());
    byte[] tokenizerJson = source.read(config.tokenizerFile());
    Optional<byte[]> headBytes = config.headFile().map(source::read);
    Optional<String> weightsFile = config.encoderWeightsFile();
    Optional<byte[]> weightBytes = weightsFile.map(source::read);
    Optional<byte[]> baselineBytes = source.exists(Baseline.FILE)
        ? Optional.of(source.read(Baseline.FILE)) : Optional.empty();
    Optional<Baseline> baseline = baselineBytes.map(Baseline::parse);
    Optional<byte[]> calibrationBytes = source.exists(Calibration.FILE)
        ? Optional.of(source.read(Calibration.FILE)) : Optional.empty();
    Calibration calibration = calibrationBytes.map(Calibration::parse).orElse(Calibration.NONE);

    ModelLineage.Hasher hasher = new ModelLineage.Hasher().add(configBytes).add(onnx).add(tokenizerJson);
    headBytes.ifPresent(hasher::add);
    weightBytes.ifPresent(hasher::add);
    // A temperature changes every probability, so it is part of what the id names.
    calibrationBytes.ifPresent(hasher::add);
    // The drift reference of the model's own predictions: a fetched copy must not bring another one under this id.
    baselineBytes.ifPresent(hasher::add);
    boolean quantize = config.quantization().isPresent() && options.quantize();
    Optional<byte[]> rangeBytes = quantize ? Optional.of(source.read(ActivationRanges.FILE)) : Optional.empty();
    ActivationRanges ranges = rangeBytes.map(ActivationRanges::parse).orElse(ActivationRanges.NONE);
    rangeBytes.ifPresent(hasher::add);
    String version = registeredVersion.orElse(config.version());
    if (config.quantization().isPresent() && !quantize) {
      // The same directory run in fp32 is another model: its id and version must say so.
      hasher.add(ModelLineage.FP32_RUN.getBytes(StandardCharsets.UTF_8));
      version = version + "+fp32";
    }
    ModelLineage lineage = hasher.lineage(version);

    TextTokenizer tokenizer;
    try {
      tokenizer = TextTokenizer.load(new ByteArrayInputStream(tokenizerJson));
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException("model directory " + source + ": " + config.tokenizerFile()
          + " is not a Hugging Face tokenizer: " + e.getMessage(), e);
    }
    InitializerOverrides overrides = weightBytes
        .map(bytes -> InitializerOverrides.of(weightsFile.get(), SafeTensors.read(bytes, weightsFile.get())))
        .orElseGet(InitializerOverrides::none);
    OnnxGraph graph = OnnxGraph.load(onnx, options, config.padTokenId(), overrides, ranges);
    WindowClassifier classifier = headBytes
        .map(bytes -> WindowClassifier.ofEncoderAndHead(graph, ClassificationHead.parse(bytes)))
        .orElseGet(() -> WindowClassifier.ofLogits(graph));
    SentimentModel model = new SentimentModel(config, tokenizer, graph, classifier, lineage, baseline, calibration,
        options, encoderView);
    try {
      model.checkOutputMatchesLabels();
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    log.info("Loaded model {} ({} {}{}{}, temperature {}) from {}: inputs {}, max length {}, labels {} in {} ms",
        lineage.id(), lineage.version(), headBytes.isPresent() ? "encoder+head" : "logits",
        overrides.size() > 0 ? ", " + overrides.size() + " fine-tuned tensors" : "",
        quantize ? ", " + Int8Quantization.SCHEME : "", calibration.temperature(),
        source, graph.inputNames(),
        config.maxLength(), config.labels(), (System.nanoTime() - started) / 1_000_000);
    return model;
  }

  private void checkOutputMatchesLabels() {
    double[] logits = classifier.logits(List.of(windows.of(tokenizer.encode("ok")).get(0).ids())).get(0);
    if (logits.length != config.labels().classCount()) {
      throw new ModelLoadException("model.onnx gives " + logits.length + " classes per row but config.json's "
          + "id2label names " + config.labels().classCount());
    }
  }

  /**
   * The model work a text costs: the tokens, special ones included, of the windows it will be
   * scored over. What one model call costs grows with the sum of these over its texts. The text's tokens are kept
   * for the model call that scores it, and the costs asked after it, so a scored record is tokenized once.
   */
  public int cost(String text) {
    return whileOpen(() -> {
      int tokens = 0;
      for (TextWindows.Window w : windows.of(encodings.encodeAndKeep(text))) {
        tokens += w.ids().length;
      }
      return tokens;
    });
  }

  public Prediction predict(String text) {
    return predict(List.of(text)).get(0);
  }

  /**
   * Scores texts in as few model calls as the batch size allows. Each text's result is the same
   * whatever other texts share the call: rows are padded and masked, never mixed.
   */
  public List<Prediction> predict(List<String> texts) {
    return predict(texts, StageTimings.NONE);
  }

  /** The same, telling {@code timings} how long tokenizing and the model took. */
  public List<Prediction> predict(List<String> texts, StageTimings timings) {
    return whileOpen(() -> logitsOpen(texts, timings)).stream().map(t -> t.prediction(calibration)).toList();
  }

  /** The texts' window logits before any temperature: what a calibration is fitted on. */
  public List<TextLogits> logits(List<String> texts) {
    return whileOpen(() -> logitsOpen(texts, StageTimings.NONE));
  }

  /** Runs a call that uses the native tokenizer or session under the read lock, so close waits for it. */
  private <T> T whileOpen(Supplier<T> call) {
    inUse.readLock().lock();
    try {
      if (closed) {
        throw new ModelClosedException("model " + lineage.id() + " is closed");
      }
      return call.get();
    } finally {
      inUse.readLock().unlock();
    }
  }

  private List<TextLogits> logitsOpen(List<String> texts, StageTimings timings) {
    if (texts.isEmpty()) {
      return List.of();
    }
    long start = System.nanoTime();
    List<TokenizedText> tokenized = encodings.encode(texts);
    List<Row> rows = new ArrayList<>();
    List<List<Row>> byText = new ArrayList<>(tokenized.size());
    for (int t = 0; t < tokenized.size(); t++) {
      List<Row> own = new ArrayList<>();
      for (TextWindows.Window w : windows.of(tokenized.get(t))) {
        own.add(new Row(w));
      }
      rows.addAll(own);
      byText.add(own);
    }
    rows.sort(Comparator.comparingInt(r -> r.window().ids().length));
    long tokenizedAt = System.nanoTime();
    timings.batchStage(BatchStage.TOKENIZE, tokenizedAt - start);
    for (int from = 0; from < rows.size(); from += maxBatchRows) {
      List<Row> group = rows.subList(from, Math.min(rows.size(), from + maxBatchRows));
      List<double[]> logits = classifier.logits(group.stream().map(r -> r.window().ids()).toList());
      for (int i = 0; i < group.size(); i++) {
        group.get(i).logits = logits.get(i);
      }
    }
    timings.batchStage(BatchStage.MODEL, System.nanoTime() - tokenizedAt);
    List<TextLogits> out = new ArrayList<>(tokenized.size());
    for (int t = 0; t < tokenized.size(); t++) {
      List<Row> own = byText.get(t);
      int[] weights = new int[own.size()];
      int end = 0;
      for (int w = 0; w < own.size(); w++) {
        weights[w] = Math.max(1, own.get(w).window().bodyTokens());
        end = Math.max(end, own.get(w).window().bodyEnd());
      }
      int bodyTokens = tokenized.get(t).body().length;
      out.add(new TextLogits(own.stream().map(r -> r.logits).toList(), weights, bodyTokens, end < bodyTokens,
          config.labels()));
    }
    return out;
  }

  /** The rows (window token ids) a text is scored over, as the model feeds them to its graph. */
  List<long[]> windowRows(String text) {
    return whileOpen(() -> windows.of(encoder.encode(text)).stream().map(TextWindows.Window::ids).toList());
  }

  /** The fp32 graph the model runs or was quantized from. */
  Path fp32Graph() {
    return graph.fp32File();
  }

  long padTokenId() {
    return config.padTokenId();
  }

  /** The temperature the model's probabilities are taken at ({@link Calibration#NONE} without calibration.json). */
  public Calibration calibration() {
    return calibration;
  }

  public ModelLineage lineage() {
    return lineage;
  }

  public Optional<Baseline> baseline() {
    return baseline;
  }

  public int maxLength() {
    return config.maxLength();
  }

  public List<String> inputNames() {
    return graph.inputNames();
  }

  public LabelMapping labels() {
    return config.labels();
  }

  /** Waits for the calls in flight, then frees the session and the tokenizer; later calls throw. Idempotent. */
  @Override
  public void close() {
    inUse.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      graph.close();
      tokenizer.close();
      log.info("Closed model {}", lineage.id());
    } finally {
      inUse.writeLock().unlock();
    }
  }

  private static final class Row {
    private final TextWindows.Window window;
    private double[] logits;

    Row(TextWindows.Window window) {
      this.window = window;
    }

    TextWindows.Window window() {
      return window;
    }
  }
}
