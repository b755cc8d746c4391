package io.feedbackpulse.inference;

import io.feedbackpulse.onnx.ActivationRanges;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Which model scored a record: a content hash of the model's files and its version string.
 *
 * @param id {@code sha256:} and the first 16 hex digits of the hash of every file of the model
 */
public record ModelLineage(String id, String version) {
  private static final String CONFIG = "config.json";
  /** What the id of a quantized model's fp32 run (model.quantization=none) hashes after its files. */
  static final String FP32_RUN = "quantization=none";

  /** Hashes a model's files in order, each preceded by its length. */
  public static final class Hasher {
    private final MessageDigest digest;
    private final byte[] buffer = new byte[1 << 16];

    public Hasher() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    public Hasher add(byte[] file) {
      digest.update(longBytes(file.length));
      digest.update(file);
      return this;
    }

    /** A file on disk, read in chunks: a graph can be hundreds of megabytes. */
    public Hasher add(Path file) {
      try (InputStream in = Files.newInputStream(file)) {
        digest.update(longBytes(Files.size(file)));
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      return this;
    }

    public ModelLineage lineage(String version) {
      return new ModelLineage("sha256:" + HexFormat.of().formatHex(digest.digest()).substring(0, 16), version);
    }
  }

  /**
   * The lineage of a model directory without loading it: the same files, in the same order, as {@link
   * SentimentModel#load} hashes, so that a fetched copy can be checked against a registered id before any
   * instance loads it.
   */
  public static ModelLineage identify(ModelSource source) {
    return identify(source, true);
  }

  /**
   * The lineage the model loads with under {@code model.quantization=model} ({@code quantize}) or {@code none}: for
   * a model whose config.json asks for int8, its fp32 run is another model, without quantization.json and marked
   * so, and its version gets {@code +fp32}; for any other model both are the same.
   */
  public static ModelLineage identify(ModelSource source, boolean quantize) {
    byte[] configBytes = source.read(CONFIG);
    ModelConfig config = ModelConfig.parse(configBytes);
    boolean fp32Run = config.quantization().isPresent() && !quantize;
    Hasher hasher = new Hasher().add(configBytes);
    List<String> files = coveredFiles(source, config);
    for (String file : files.subList(1, files.size())) {
      if (fp32Run && file.equals(ActivationRanges.FILE)) {
        continue;
      }
      if (file.equals(config.modelFile())) {
        hasher.add(source.file(file));
      } else {
        hasher.add(source.read(file));
      }
    }
    if (fp32Run) {
      hasher.add(FP32_RUN.getBytes(StandardCharsets.UTF_8));
      return hasher.lineage(config.version() + "+fp32");
    }
    return hasher.lineage(config.version());
  }

  /**
   * The files the id covers, in the order they are hashed: config.json, the graph, the tokenizer, the head and
   * encoder weights it names, calibration.json and baseline.json when present, and quantization.json when config.json
   * asks for quantization (model.quantization=model, the default, runs with those activation ranges). A fetched
   * copy holds these and nothing else.
   */
  public static List<String> coveredFiles(ModelSource source) {
    return coveredFiles(source, ModelConfig.parse(source.read(CONFIG)));
  }

  private static List<String> coveredFiles(ModelSource source, ModelConfig config) {
    List<String> files = new ArrayList<>(List.of(CONFIG, config.modelFile(), config.tokenizerFile()));
    config.headFile().ifPresent(files::add);
    config.encoderWeightsFile().ifPresent(files::add);
    for (String optional : List.of(Calibration.FILE, Baseline.FILE)) {
      if (source.exists(optional)) {
        files.add(optional);
      }
    }
    if (config.quantization().isPresent()) {
      files.add(ActivationRanges.FILE);
    }
    return files;
  }

  private static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>= 8;
    }
    return b;
  }
}
