package io.feedbackpulse.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.feedbackpulse.onnx.ActivationRanges;
import io.feedbackpulse.onnx.InitializerOverrides;
import io.feedbackpulse.onnx.Int8Quantization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph in ONNX Runtime through DJL, fed the token inputs it declares: {@code input_ids},
 * {@code attention_mask} and, where the graph asks for it (BERT), {@code token_type_ids}.
 */
public final class OnnxGraph implements AutoCloseable {
  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final Set<String> FEEDABLE = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

  /** The output of one call: a flat float tensor and its shape. */
  public record Output(float[] values, long[] shape) {}

  private final Model model;
  private final List<String> inputs;
  private final long padTokenId;
  private final Path fp32File;

  private OnnxGraph(Model model, List<String> inputs, long padTokenId, Path fp32File) {
    this.model = model;
    this.inputs = inputs;
    this.padTokenId = padTokenId;
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
      model.load(graph.toAbsolutePath().getParent(), prefix, Map.of(
          "intraOpNumThreads", String.valueOf(options.intraOpThreads()),
          "interOpNumThreads", "1",
          "optLevel", options.optimizationLevel()));
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
    int batch = rows.size();
    int length = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    long[] ids = new long[batch * length];
    long[] mask = new long[batch * length];
    for (int b = 0; b < batch; b++) {
      long[] row = rows.get(b);
      for (int t = 0; t < length; t++) {
        boolean real = t < row.length;
        ids[b * length + t] = real ? row[t] : padTokenId;
        mask[b * length + t] = real ? 1 : 0;
      }
    }
    Shape shape = new Shape(batch, length);
    try (NDManager manager = model.getNDManager().newSubManager();
        Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
      NDList feed = new NDList();
      for (String name : inputs) {
        NDArray array = switch (name) {
          case INPUT_IDS -> manager.create(ids, shape);
          case ATTENTION_MASK -> manager.create(mask, shape);
          default -> manager.zeros(shape, ai.djl.ndarray.types.DataType.INT64);
        };
        array.setName(name);
        feed.add(array);
      }
      NDList out = predictor.predict(feed);
      Map<String, Output> results = new LinkedHashMap<>();
      for (NDArray array : out) {
        if (wanted == null || wanted.contains(array.getName()) || (wanted.isEmpty() && results.isEmpty())) {
          results.put(array.getName(), new Output(array.toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
              .toFloatArray(), array.getShape().getShape()));
        }
      }
      return results;
    } catch (TranslateException e) {
      throw new InferenceException("ONNX Runtime failed on a batch of " + batch + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
