package io.feedbackpulse.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.translate.TranslateException;
import io.feedbackpulse.onnx.ActivationRanges;
import io.feedbackpulse.onnx.InitializerOverrides;
import io.feedbackpulse.onnx.Int8Quantization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph in ONNX Runtime through DJL, fed the token inputs it declares: {@code input_ids},
 * {@code attention_mask} and, where the graph asks for it (BERT), {@code token_type_ids}.
 */
public final class OnnxGraph implements AutoCloseable {
  private static final String INPUT_IDS = TokenRowsTranslator.INPUT_IDS;
  private static final Set<String> FEEDABLE = Set.of(INPUT_IDS, TokenRowsTranslator.ATTENTION_MASK,
      TokenRowsTranslator.TOKEN_TYPE_IDS);

  /** The output of one call: a flat float tensor and its shape. */
  public record Output(float[] values, long[] shape) {}

  private final Model model;
  private final List<String> inputs;
  private final PredictorPool<TokenRowsTranslator.Call, Map<String, Output>> predictors;
  private final Path fp32File;

  private OnnxGraph(Model model, List<String> inputs, long padTokenId, Path fp32File) {
    this.model = model;
    this.inputs = inputs;
    this.predictors = new PredictorPool<>(model, new TokenRowsTranslator(inputs, padTokenId));
    this.fp32File = fp32File;
  }

  /** Loads the graph from its file; ONNX Runtime reads it natively, not through the Java heap. */
  public static OnnxGraph load(Path onnx, InferenceOptions options, long padTokenId) {
    return load(onnx, options, padTokenId, InitializerOverrides.none(), ActivationRanges.NONE);
  }

  /**
   * Loads the graph with some of its initializers replaced (fine-tuned layers of an encoder that
   * comes in a dependency), and its weight products quantized to int8 where {@code ranges} are given.
   */
  public static OnnxGraph load(Path onnx, InferenceOptions options, long padTokenId, InitializerOverrides overrides,
      ActivationRanges ranges) {
    if (!onnx.getFileName().toString().endsWith(".onnx")) {
      throw new ModelLoadException("model file " + onnx + " must be an .onnx file");
    }
    Path patched = overrides.apply(onnx);
    Path graph = ranges.ranges().isEmpty() ? patched : Int8Quantization.apply(patched, ranges);
    String fileName = graph.getFileName().toString();
    OnnxRuntimeLibraries.prepare();
    Model model = Model.newInstance("feedback-pulse", Device.cpu(), "OnnxRuntime");
    try {
      String prefix = fileName.substring(0, fileName.length() - ".onnx".length());
      model.load(graph.toAbsolutePath().getParent(), prefix, sessionOptions(options));
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new ModelLoadException("model.onnx cannot be loaded by ONNX Runtime: " + e.getMessage(), e);
    }
    List<String> inputs = model.describeInput().keys();
    for (String name : inputs) {
      if (!FEEDABLE.contains(name)) {
        model.close();
        throw new ModelLoadException("model.onnx asks for input '" + name + "'; the service feeds only "
            + FEEDABLE + " (declared inputs: " + inputs + ")");
      }
    }
    if (!inputs.contains(INPUT_IDS)) {
      model.close();
      throw new ModelLoadException("model.onnx has no input_ids input (declared inputs: " + inputs + ")");
    }
    return new OnnxGraph(model, List.copyOf(inputs), padTokenId, patched);
  }

  /** What ONNX Runtime's session is given (DJL's names): threads and graph optimization. */
  public static Map<String, String> sessionOptions(InferenceOptions options) {
    return Map.of("intraOpNumThreads", String.valueOf(options.intraOpThreads()), "interOpNumThreads", "1",
        "optLevel", options.optimizationLevel());
  }

  /** The fp32 graph file this graph was built from (with its fine-tuned weights, before any quantization). */
  Path fp32File() {
    return fp32File;
  }

  /** The inputs the graph declares, in its order. */
  public List<String> inputNames() {
    return inputs;
  }

  /**
   * Runs the rows as one batch padded to the longest row; returns the named output, or the first
   * output when {@code outputName} is null.
   */
  public Output run(List<long[]> rows, String outputName) {
    Map<String, Output> all = runAll(rows, outputName == null ? Set.of() : Set.of(outputName));
    if (outputName == null) {
      return all.values().iterator().next();
    }
    Output chosen = all.get(outputName);
    if (chosen == null) {
      throw new ModelLoadException("model.onnx has no output '" + outputName + "' (outputs: " + all.keySet() + ")");
    }
    return chosen;
  }

  /**
   * Runs the rows as one batch padded to the longest row; returns the outputs in the graph's order, those named
   * in {@code wanted} only (all when null; the first only when empty).
   */
  Map<String, Output> runAll(List<long[]> rows, Set<String> wanted) {
    try {
      return predictors.predict(new TokenRowsTranslator.Call(rows, wanted));
    } catch (TranslateException e) {
      throw new InferenceException("ONNX Runtime failed on a batch of " + rows.size() + ": " + e.getMessage(), e);
    }
  }

  /** How many DJL predictors this graph made: one per call that ran beside others, not one per call. */
  int predictorsCreated() {
    return predictors.created();
  }

  /** Closes the predictors, then the ONNX Runtime session; no call may be in flight. */
  @Override
  public void close() {
    predictors.close();
    model.close();
  }
}
