package io.feedbackpulse.onnx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures the ranges of a model's activations that int8 quantization needs: the model's fp32 graph, with the input
 * of every product by a weight exposed as an output ({@link #probeGraph}), runs the calibration texts, and each
 * input's range is taken over the texts' real tokens (padding excluded). Running the graph is the caller's.
 */
public final class ActivationCalibration {
  private final Path probeGraph;
  private final Map<String, float[]> extremes = new LinkedHashMap<>();

  /** @param fp32Graph the model's graph in fp32, with its fine-tuned weights */
  public ActivationCalibration(Path fp32Graph) {
    for (String name : Int8Quantization.activations(fp32Graph)) {
      extremes.put(name, new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY});
    }
    this.probeGraph = Int8Quantization.exposeActivations(fp32Graph);
  }

  /** The graph to run the texts through: the fp32 graph with {@link #activations()} as extra outputs. */
  public Path probeGraph() {
    return probeGraph;
  }

  /** The outputs of {@link #probeGraph()} to observe. */
  public Set<String> activations() {
    return extremes.keySet();
  }

  /**
   * Widens an activation's range by its values at the rows' real positions.
   *
   * @param values the output for the rows, padded to the longest, of {@code shape} [rows, positions, features]
   */
  public void observe(String name, float[] values, long[] shape, List<long[]> rows) {
    float[] e = extremes.get(name);
    if (e == null || shape.length != 3 || shape[0] != rows.size()) {
      throw new ModelFileException("activation " + name + " has shape " + Arrays.toString(shape)
          + "; calibration reads [rows, positions, features]");
    }
    int positions = (int) shape[1];
    int features = (int) shape[2];
    for (int r = 0; r < rows.size(); r++) {
      int real = Math.min(rows.get(r).length, positions);
      int from = r * positions * features;
      for (int i = from; i < from + real * features; i++) {
        float v = values[i];
        e[0] = Math.min(e[0], v);
        e[1] = Math.max(e[1], v);
      }
    }
  }

  /** The ranges observed so far; an activation never observed has none. */
  public ActivationRanges ranges(ObjectNode calibration) {
    Map<String, ActivationRanges.Range> ranges = new LinkedHashMap<>();
    extremes.forEach((name, e) -> {
      if (e[0] <= e[1]) {
        ranges.put(name, new ActivationRanges.Range(e[0], e[1]));
      }
    });
    return new ActivationRanges(ranges, calibration);
  }
}
