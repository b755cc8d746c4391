package io.feedbackpulse.bench;

import io.feedbackpulse.onnx.OnnxInitializers;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Counts a model's parameters: the elements of the ONNX graph's initializers (the weights).
 * Weights stored as Constant nodes are not counted.
 *
 * @param total every initializer's elements
 * @param lookedUp those of initializers that are the table of a Gather node (token and position
 *     embeddings): read by index, not multiplied, so they cost no FLOPs per token
 */
public record OnnxParameterCount(long total, long lookedUp) {

  /** The parameters every token is multiplied by: about half the FLOPs of a forward pass per token. */
  public long multiplied() {
    return total - lookedUp;
  }

  public static OnnxParameterCount of(Path onnx) {
    Map<String, OnnxInitializers.Info> initializers = OnnxInitializers.read(onnx);
    Set<String> tables = OnnxInitializers.gatherTables(onnx);
    long total = 0;
    long lookedUp = 0;
    for (Map.Entry<String, OnnxInitializers.Info> e : initializers.entrySet()) {
      total += e.getValue().elements();
      if (tables.contains(e.getKey())) {
        lookedUp += e.getValue().elements();
      }
    }
    return new OnnxParameterCount(total, lookedUp);
  }
}
