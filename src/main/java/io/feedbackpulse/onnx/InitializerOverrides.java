package io.feedbackpulse.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Weights that replace initializers of an ONNX graph, so a model can ship only the layers it
 * fine-tuned on top of an encoder that comes in a dependency. They are written over the graph's
 * own raw_data bytes in a copy of the graph file (same sizes, so nothing else in the file moves),
 * which ONNX Runtime then loads and optimizes like any graph; the copy is kept in the model cache
 * under a name derived from the graph and the weights. Every name must be a float initializer of
 * the graph with the same shape.
 */
public final class InitializerOverrides {
  private final String source;
  private final Map<String, SafeTensors.Tensor> tensors;

  private InitializerOverrides(String source, Map<String, SafeTensors.Tensor> tensors) {
    this.source = source;
    this.tensors = new TreeMap<>(tensors);
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

  /** The graph file to load: {@code onnx} itself when there is nothing to replace, else the patched copy. */
  public Path apply(Path onnx) {
    if (tensors.isEmpty()) {
      return onnx;
    }
    Map<String, OnnxInitializers.Info> graph = OnnxInitializers.read(onnx);
    String graphName = onnx.getFileName().toString();
    MessageDigest digest = sha256();
    digest.update((graphName + "|" + size(onnx)).getBytes(StandardCharsets.UTF_8));
    Map<Long, byte[]> patches = new TreeMap<>();
    for (Map.Entry<String, SafeTensors.Tensor> e : tensors.entrySet()) {
      OnnxInitializers.Info info = check(graph.get(e.getKey()), e.getKey(), e.getValue(), graphName);
      byte[] bytes = littleEndian(e.getValue().values());
      digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      digest.update(bytes);
      patches.put(info.rawDataOffset(), bytes);
    }
    String stem = graphName.substring(0, graphName.length() - ".onnx".length());
    Path patched = ModelCache.directory()
        .resolve(stem + "+" + HexFormat.of().formatHex(digest.digest(), 0, 8) + ".onnx");
    if (Files.isRegularFile(patched) && size(patched) == size(onnx)) {
      return patched;
    }
    return write(onnx, patched, patches);
  }

  private OnnxInitializers.Info check(OnnxInitializers.Info info, String name, SafeTensors.Tensor tensor,
      String graphName) {
    if (info == null) {
      throw new ModelFileException(source + ": tensor '" + name + "' is not an initializer of " + graphName);
    }
    if (info.dataType() != OnnxInitializers.FLOAT || !Arrays.equals(info.shape(), tensor.shape())) {
      throw new ModelFileException(source + ": tensor '" + name + "' has shape " + Arrays.toString(tensor.shape())
          + " but " + graphName + " holds a tensor of ONNX type " + info.dataType() + " and shape "
          + Arrays.toString(info.shape()));
    }
    if (info.rawDataOffset() < 0 || info.rawDataLength() != (long) tensor.values().length * Float.BYTES) {
      throw new ModelFileException(source + ": " + graphName + " does not keep '" + name
          + "' as raw float32 data, so it cannot be replaced");
    }
    return info;
  }

  private static Path write(Path onnx, Path patched, Map<Long, byte[]> patches) {
    try {
      Path dir = Files.createDirectories(patched.getParent());
      Path partial = Files.createTempFile(dir, "patch", ".part");
      try {
        Files.copy(onnx, partial, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE)) {
          for (Map.Entry<Long, byte[]> p : patches.entrySet()) {
            ByteBuffer bytes = ByteBuffer.wrap(p.getValue());
            long at = p.getKey();
            while (bytes.hasRemaining()) {
              at += out.write(bytes, at);
            }
          }
        }
        return Files.move(partial, patched, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the fine-tuned graph to " + patched, e);
    }
  }

  private static byte[] littleEndian(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return buffer.array();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
