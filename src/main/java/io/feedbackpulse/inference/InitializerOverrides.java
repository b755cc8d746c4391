package io.feedbackpulse.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Weights that replace initializers of an ONNX graph when ONNX Runtime builds its session, so a
 * model can ship only the layers it fine-tuned on top of an encoder that comes in a dependency.
 * Every name must be a float initializer of the graph with the same shape: ONNX Runtime itself
 * ignores names it does not know, which would quietly load the unmodified encoder.
 */
public final class InitializerOverrides implements AutoCloseable {
  private final String source;
  private final Map<String, SafeTensors.Tensor> tensors;
  private final List<AutoCloseable> nativeCopies = new ArrayList<>();

  private InitializerOverrides(String source, Map<String, SafeTensors.Tensor> tensors) {
    this.source = source;
    this.tensors = Map.copyOf(tensors);
  }

  public static InitializerOverrides none() {
    return new InitializerOverrides("none", Map.of());
  }

  /** Overrides read from a safetensors file; {@code source} names the file in errors. */
  public static InitializerOverrides of(String source, Map<String, SafeTensors.Tensor> tensors) {
    return new InitializerOverrides(source, tensors);
  }

  public int size() {
    return tensors.size();
  }

  /** Session options that carry the overrides for this graph, or empty when there are none. */
  Optional<OrtSession.SessionOptions> sessionOptions(Path onnx) {
    if (tensors.isEmpty()) {
      return Optional.empty();
    }
    check(OnnxInitializers.read(onnx), onnx.getFileName().toString());
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    nativeCopies.add(options);
    try {
      for (Map.Entry<String, SafeTensors.Tensor> e : tensors.entrySet()) {
        float[] values = e.getValue().values();
        FloatBuffer buffer = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder())
            .asFloatBuffer().put(values);
        buffer.rewind();
        OnnxTensor tensor = OnnxTensor.createTensor(environment, buffer, e.getValue().shape());
        nativeCopies.add(tensor);
        options.addInitializer(e.getKey(), tensor);
      }
    } catch (OrtException e) {
      throw new ModelLoadException(source + ": ONNX Runtime refused a weight: " + e.getMessage(), e);
    }
    return Optional.of(options);
  }

  private void check(Map<String, OnnxInitializers.Info> graph, String graphName) {
    for (Map.Entry<String, SafeTensors.Tensor> e : tensors.entrySet()) {
      OnnxInitializers.Info info = graph.get(e.getKey());
      if (info == null) {
        throw new ModelLoadException(source + ": tensor '" + e.getKey() + "' is not an initializer of " + graphName);
      }
      if (info.dataType() != OnnxInitializers.FLOAT || !Arrays.equals(info.shape(), e.getValue().shape())) {
        throw new ModelLoadException(source + ": tensor '" + e.getKey() + "' has shape "
            + Arrays.toString(e.getValue().shape()) + " but " + graphName + " holds a tensor of ONNX type "
            + info.dataType() + " and shape " + Arrays.toString(info.shape()));
      }
    }
  }

  /** Frees the native copies; call only after the session that uses them is closed. */
  @Override
  public void close() {
    for (int i = nativeCopies.size() - 1; i >= 0; i--) {
      try {
        nativeCopies.get(i).close();
      } catch (Exception ignored) {
        // already released
      }
    }
    nativeCopies.clear();
  }
}
