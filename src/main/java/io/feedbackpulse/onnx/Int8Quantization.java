package io.feedbackpulse.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Int8 quantization of an ONNX graph's weight matrix products, done once per graph and ranges and kept in the
 * model cache. Every {@code MatMul} by a float initializer becomes ONNX Runtime's {@code MatMulIntegerToFloat}:
 * weights int8 per output column (symmetric, one scale per column), the following bias {@code Add} folded in, and
 * its input quantized to uint8 by a {@code QuantizeLinear} with a fixed scale and zero point, taken from the
 * activation ranges measured on calibration texts ({@link ActivationRanges}, the model's quantization.json).
 *
 * <p>Fixed activation scales keep a text's result independent of the texts it is batched with. Scales computed
 * per call over the whole input (ONNX Runtime's dynamic quantization) are as fast, but measured on 400 reviews
 * they changed 10 labels between batches of 1 and of 8 rows.
 *
 * <p>Weights use 7 bits ([-63, 63]) rather than 8: on x86 CPUs without VNNI, ONNX Runtime multiplies uint8
 * activations by int8 weights with an instruction that adds pairs of products into 16 bits, which saturates
 * when both operands use their full range ({@code reduce_range} in ONNX Runtime's own quantizer).
 */
public final class Int8Quantization {
  public static final String SCHEME = "int8-static";
  private static final Logger log = LoggerFactory.getLogger(Int8Quantization.class);
  /** Changes whenever the rewrite changes, so a cached graph of an older rewrite is not reused. */
  private static final String REWRITE_VERSION = "3";
  private static final int WEIGHT_LEVELS = 63;
  private static final String CONTRIB_DOMAIN = "com.microsoft";
  private static final int FLOAT = 1;
  private static final int UINT8 = 2;
  private static final int INT8 = 3;

  // ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto and OperatorSetIdProto field numbers.
  private static final int MODEL_GRAPH = 7;
  private static final int MODEL_OPSET_IMPORT = 8;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int GRAPH_OUTPUT = 12;
  private static final int NODE_INPUT = 1;
  private static final int NODE_OUTPUT = 2;
  private static final int NODE_NAME = 3;
  private static final int NODE_OP_TYPE = 4;
  private static final int NODE_DOMAIN = 7;
  private static final int TENSOR_DIMS = 1;
  private static final int TENSOR_DATA_TYPE = 2;
  private static final int TENSOR_NAME = 8;
  private static final int TENSOR_RAW_DATA = 9;
  private static final int VALUE_INFO_NAME = 1;
  private static final int VALUE_INFO_TYPE = 2;
  private static final int TYPE_TENSOR = 1;
  private static final int TENSOR_TYPE_ELEM_TYPE = 1;
  private static final int OPSET_DOMAIN = 1;
  private static final int OPSET_VERSION = 2;

  /** What the rewrite did. */
  public record Summary(int matMuls, int foldedBiases, List<String> activations) {}

  private Int8Quantization() {}

  /** The quantized copy of {@code onnx} in the model cache, written on first use. */
  public static Path apply(Path onnx, ActivationRanges ranges) {
    return cached(onnx, SCHEME + ranges.fingerprint(), new Rewrite(ranges, false));
  }

  /**
   * A copy of {@code onnx} in the model cache, unchanged but for its outputs: after its own, the input of every
   * product by a weight, so calibration can measure their ranges. The names are those of {@link #activations}.
   */
  public static Path exposeActivations(Path onnx) {
    return cached(onnx, "activations", new Rewrite(ActivationRanges.NONE, true));
  }

  /** The inputs of the graph's products by a weight: the activations a quantized graph needs ranges for. */
  public static List<String> activations(Path onnx) {
    try (FileChannel in = FileChannel.open(onnx, StandardOpenOption.READ)) {
      ProtoMessage model = ProtoMessage.parse(in.map(FileChannel.MapMode.READ_ONLY, 0, in.size()), 0, (int) in.size());
      ProtoMessage.Field graph = graphField(model);
      return GraphPlan.of(model.message(graph), new Rewrite(ActivationRanges.NONE, true)).summary().activations();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + onnx, e);
    }
  }

  /** What a rewrite does: quantize the products whose inputs have ranges, or expose the inputs as outputs. */
  private record Rewrite(ActivationRanges ranges, boolean exposeOnly) {}

  private static Path cached(Path onnx, String variant, Rewrite rewrite) {
    Path quantized = ModelCache.directory().resolve(cacheName(onnx, variant));
    if (Files.isRegularFile(quantized)) {
      return quantized;
    }
    try {
      Path dir = Files.createDirectories(quantized.getParent());
      Path partial = Files.createTempFile(dir, "quantize", ".part");
      Summary summary;
      try (FileChannel in = FileChannel.open(onnx, StandardOpenOption.READ);
          FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        MappedByteBuffer source = in.map(FileChannel.MapMode.READ_ONLY, 0, in.size());
        summary = rewrite(source, out, rewrite);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(partial);
        throw e;
      }
      if (summary.activations().isEmpty()) {
        Files.deleteIfExists(partial);
        throw new ModelFileException(onnx.getFileName() + " has no MatMul by a float32 weight initializer to quantize");
      }
      if (!rewrite.exposeOnly() && summary.matMuls() == 0) {
        Files.deleteIfExists(partial);
        throw new ModelFileException("the activation ranges name none of the inputs of " + onnx.getFileName()
            + "'s weight products (" + summary.activations().get(0) + ", ...): they were measured on another graph");
      }
      Files.move(partial, quantized, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      if (!rewrite.exposeOnly()) {
        log.info("Quantized {} ({} weight products to int8, {} biases folded) into {}", onnx.getFileName(),
            summary.matMuls(), summary.foldedBiases(), quantized);
      }
      return quantized;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the quantized graph " + quantized, e);
    } catch (IllegalStateException | IndexOutOfBoundsException e) {
      throw new ModelFileException(onnx.getFileName() + " is not a readable ONNX model: " + e.getMessage(), e);
    }
  }

  private static String cacheName(Path onnx, String variant) {
    String name = onnx.getFileName().toString();
    String stem = name.substring(0, name.length() - ".onnx".length());
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((onnx.toAbsolutePath() + "|" + Files.size(onnx) + "|" + Files.getLastModifiedTime(onnx).toMillis()
          + "|" + REWRITE_VERSION + "|" + variant).getBytes(StandardCharsets.UTF_8));
      String kind = variant.startsWith(SCHEME) ? SCHEME : variant;
      return stem + "+" + kind + "-" + HexFormat.of().formatHex(digest.digest(), 0, 8) + ".onnx";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + onnx, e);
    }
  }

  private static ProtoMessage.Field graphField(ProtoMessage model) {
    return model.fields().stream().filter(f -> f.number() == MODEL_GRAPH).findFirst()
        .orElseThrow(() -> new IllegalStateException("no graph in the model"));
  }

  /** Writes the rewritten model to {@code out}. */
  private static Summary rewrite(ByteBuffer source, FileChannel out, Rewrite rewrite) throws IOException {
    ProtoMessage model = ProtoMessage.parse(source, 0, source.limit());
    ProtoMessage.Field graphField = graphField(model);
    GraphPlan plan = GraphPlan.of(model.message(graphField), rewrite);
    List<ByteBuffer> graph = plan.write();
    long graphLength = graph.stream().mapToLong(ByteBuffer::remaining).sum();
    boolean hasContribOpset = model.fields().stream().filter(f -> f.number() == MODEL_OPSET_IMPORT)
        .anyMatch(f -> CONTRIB_DOMAIN.equals(model.message(f).string(OPSET_DOMAIN)));
    for (ProtoMessage.Field f : model.fields()) {
      if (f == graphField) {
        writeFully(out, ByteBuffer.wrap(ProtoWriter.lengthPrefix(MODEL_GRAPH, graphLength)));
        for (ByteBuffer chunk : graph) {
          writeFully(out, chunk);
        }
      } else {
        writeFully(out, model.bytes(f));
      }
    }
    if (!hasContribOpset && !rewrite.exposeOnly()) {
      writeFully(out, ByteBuffer.wrap(new ProtoWriter().message(MODEL_OPSET_IMPORT,
          new ProtoWriter().string(OPSET_DOMAIN, CONTRIB_DOMAIN).varint(OPSET_VERSION, 1)).toByteArray()));
    }
    return plan.summary();
  }

  private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  private record Node(ProtoMessage.Field field, List<String> inputs, List<String> outputs, String name, String opType,
      String domain) {
    boolean isStandard(String op) {
      return opType.equals(op) && (domain.isEmpty() || domain.equals("ai.onnx"));
    }
  }

  private record Initializer(int dataType, long[] dims, ProtoMessage.Field raw) {}

  /** Which nodes of one graph become quantized products, and the graph written with them. */
  private static final class GraphPlan {
    private final ProtoMessage graph;
    private final Rewrite rewrite;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Initializer> initializers = new HashMap<>();
    private final Map<String, List<Integer>> consumers = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    private final Map<Integer, byte[]> replacedNodes = new HashMap<>();
    private final Set<Integer> droppedNodes = new HashSet<>();
    private final Set<String> droppedInitializers = new HashSet<>();
    private final List<byte[]> newInitializers = new ArrayList<>();
    private final List<String> activations = new ArrayList<>();
    private final Set<String> quantizedActivations = new HashSet<>();
    private int folded;

    private GraphPlan(ProtoMessage graph, Rewrite rewrite) {
      this.graph = graph;
      this.rewrite = rewrite;
    }

    static GraphPlan of(ProtoMessage graph, Rewrite rewrite) {
      GraphPlan plan = new GraphPlan(graph, rewrite);
      plan.read();
      plan.planWeightProducts();
      return plan;
    }

    private void read() {
      for (ProtoMessage.Field f : graph.fields()) {
        if (f.number() == GRAPH_NODE) {
          ProtoMessage node = graph.message(f);
          Node n = new Node(f, node.strings(NODE_INPUT), node.strings(NODE_OUTPUT), node.string(NODE_NAME),
              node.string(NODE_OP_TYPE), node.string(NODE_DOMAIN));
          for (String input : n.inputs()) {
            consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(nodes.size());
          }
          nodes.add(n);
        } else if (f.number() == GRAPH_INITIALIZER) {
          ProtoMessage tensor = graph.message(f);
          ProtoMessage.Field raw = tensor.fields().stream().filter(t -> t.number() == TENSOR_RAW_DATA).findFirst()
              .orElse(null);
          long dataType = tensor.varints(TENSOR_DATA_TYPE).stream().findFirst().orElse(0L);
          initializers.put(tensor.string(TENSOR_NAME), new Initializer((int) dataType,
              tensor.varints(TENSOR_DIMS).stream().mapToLong(Long::longValue).toArray(), raw));
        } else if (f.number() == GRAPH_OUTPUT) {
          graphOutputs.add(graph.message(f).string(VALUE_INFO_NAME));
        }
      }
    }

    private void planWeightProducts() {
      for (int i = 0; i < nodes.size(); i++) {
        Node n = nodes.get(i);
        if (!n.isStandard("MatMul") || n.inputs().size() != 2 || n.outputs().size() != 1) {
          continue;
        }
        Initializer weight = floatInitializer(n.inputs().get(1), 2);
        if (weight == null) {
          continue;
        }
        String activation = n.inputs().get(0);
        if (!activations.contains(activation)) {
          activations.add(activation);
        }
        if (!rewrite.exposeOnly() && rewrite.ranges().of(activation).isPresent()) {
          replacedNodes.put(i, quantize(n, weight, rewrite.ranges().of(activation).get()));
        }
      }
    }

    /** The nodes that replace one product: its input's QuantizeLinear (at its first product) and the product. */
    private byte[] quantize(Node n, Initializer weight, ActivationRanges.Range range) {
      String activation = n.inputs().get(0);
      String quantizedInput = activation + "_uint8";
      String inputScale = activation + "_scale";
      String inputZero = activation + "_zero_point";
      ProtoWriter out = new ProtoWriter();
      if (quantizedActivations.add(activation)) {
        newInitializers.add(tensor(inputScale, FLOAT, new long[0], floatBytes(new float[] {range.scale()})));
        newInitializers.add(tensor(inputZero, UINT8, new long[0], new byte[] {(byte) range.zeroPoint()}));
        out.message(GRAPH_NODE, new ProtoWriter().string(NODE_INPUT, activation).string(NODE_INPUT, inputScale)
            .string(NODE_INPUT, inputZero).string(NODE_OUTPUT, quantizedInput)
            .string(NODE_NAME, n.name() + "_quantize_input").string(NODE_OP_TYPE, "QuantizeLinear"));
      }
      int columns = (int) weight.dims()[1];
      String bias = foldableBias(n, columns);
      String output = n.outputs().get(0);
      if (bias != null) {
        int add = consumers.get(output).get(0);
        output = nodes.get(add).outputs().get(0);
        droppedNodes.add(add);
        folded++;
      }
      String w = n.inputs().get(1);
      QuantizedWeights q = QuantizedWeights.of(graph.value(weight.raw()), (int) weight.dims()[0], columns);
      String qName = w + "_int8";
      String scaleName = w + "_scale";
      String zeroName = w + "_zero_point";
      newInitializers.add(tensor(qName, INT8, new long[] {weight.dims()[0], columns}, q.values()));
      newInitializers.add(tensor(scaleName, FLOAT, new long[] {columns}, floatBytes(q.scales())));
      newInitializers.add(tensor(zeroName, INT8, new long[] {columns}, new byte[columns]));
      droppedInitializers.add(w);
      ProtoWriter node = new ProtoWriter().string(NODE_INPUT, quantizedInput).string(NODE_INPUT, qName)
          .string(NODE_INPUT, inputScale).string(NODE_INPUT, scaleName).string(NODE_INPUT, inputZero)
          .string(NODE_INPUT, zeroName);
      if (bias != null) {
        node.string(NODE_INPUT, bias);
      }
      node.string(NODE_OUTPUT, output).string(NODE_NAME, n.name() + "_int8")
          .string(NODE_OP_TYPE, "MatMulIntegerToFloat").string(NODE_DOMAIN, CONTRIB_DOMAIN);
      return out.message(GRAPH_NODE, node).toByteArray();
    }

    /** A float32 initializer of the given rank, kept as raw data, that only one node reads. */
    private Initializer floatInitializer(String name, int rank) {
      Initializer init = initializers.get(name);
      boolean usable = init != null && init.dataType() == FLOAT && init.dims().length == rank && init.raw() != null
          && consumers.getOrDefault(name, List.of()).size() == 1 && !graphOutputs.contains(name);
      return usable ? init : null;
    }

    /** The bias of an {@code Add} that alone reads the product and adds a vector of its width, if any. */
    private String foldableBias(Node matMul, int columns) {
      String product = matMul.outputs().get(0);
      List<Integer> readers = consumers.getOrDefault(product, List.of());
      if (readers.size() != 1 || graphOutputs.contains(product)) {
        return null;
      }
      Node add = nodes.get(readers.get(0));
      if (!add.isStandard("Add") || add.inputs().size() != 2 || add.outputs().size() != 1) {
        return null;
      }
      String other = add.inputs().get(0).equals(product) ? add.inputs().get(1) : add.inputs().get(0);
      Initializer bias = floatInitializer(other, 1);
      return bias != null && bias.dims()[0] == columns ? other : null;
    }

    private static byte[] tensor(String name, int dataType, long[] dims, byte[] raw) {
      ProtoWriter t = new ProtoWriter();
      for (long d : dims) {
        t.varint(TENSOR_DIMS, d);
      }
      t.varint(TENSOR_DATA_TYPE, dataType).string(TENSOR_NAME, name).bytes(TENSOR_RAW_DATA, raw);
      return new ProtoWriter().message(GRAPH_INITIALIZER, t).toByteArray();
    }

    private static byte[] floatBytes(float[] values) {
      ByteBuffer out = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : values) {
        out.putFloat(v);
      }
      return out.array();
    }

    List<ByteBuffer> write() {
      List<ByteBuffer> out = new ArrayList<>();
      int nodeIndex = 0;
      for (ProtoMessage.Field f : graph.fields()) {
        if (f.number() == GRAPH_NODE) {
          int i = nodeIndex++;
          if (replacedNodes.containsKey(i)) {
            out.add(ByteBuffer.wrap(replacedNodes.get(i)));
          } else if (!droppedNodes.contains(i)) {
            out.add(graph.bytes(f));
          }
        } else if (f.number() == GRAPH_INITIALIZER && droppedInitializers.contains(nameOf(f))) {
          continue;
        } else {
          out.add(graph.bytes(f));
        }
      }
      newInitializers.forEach(bytes -> out.add(ByteBuffer.wrap(bytes)));
      if (rewrite.exposeOnly()) {
        for (String activation : activations) {
          ProtoWriter type = new ProtoWriter().message(TYPE_TENSOR,
              new ProtoWriter().varint(TENSOR_TYPE_ELEM_TYPE, FLOAT));
          out.add(ByteBuffer.wrap(new ProtoWriter().message(GRAPH_OUTPUT,
              new ProtoWriter().string(VALUE_INFO_NAME, activation).message(VALUE_INFO_TYPE, type)).toByteArray()));
        }
      }
      return out;
    }

    private String nameOf(ProtoMessage.Field initializer) {
      return graph.message(initializer).string(TENSOR_NAME);
    }

    Summary summary() {
      return new Summary(replacedNodes.size(), folded, List.copyOf(activations));
    }
  }

  /** A [rows x columns] float matrix as int8 with one symmetric scale per column. */
  record QuantizedWeights(byte[] values, float[] scales) {
    static QuantizedWeights of(ByteBuffer raw, int rows, int columns) {
      FloatBuffer w = raw.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
      if (w.remaining() != (long) rows * columns) {
        throw new IllegalStateException("a weight of " + rows + "x" + columns + " holds " + w.remaining() + " floats");
      }
      float[] max = new float[columns];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
          max[c] = Math.max(max[c], Math.abs(w.get(r * columns + c)));
        }
      }
      float[] scales = new float[columns];
      for (int c = 0; c < columns; c++) {
        scales[c] = max[c] == 0 ? 1f : max[c] / WEIGHT_LEVELS;
      }
      byte[] values = new byte[rows * columns];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
          int q = Math.round(w.get(r * columns + c) / scales[c]);
          values[r * columns + c] = (byte) Math.max(-WEIGHT_LEVELS, Math.min(WEIGHT_LEVELS, q));
        }
      }
      return new QuantizedWeights(values, scales);
    }
  }
}
