package io.feedbackpulse.bench;

import java.util.List;

/**
 * Counts a model's parameters: the elements of the ONNX graph's initializers (the weights), read
 * straight from the protobuf wire format (ModelProto.graph = 7; GraphProto.node = 1,
 * initializer = 5; NodeProto.input = 1, op_type = 4; TensorProto.dims = 1, name = 8). Weights
 * stored as Constant nodes are not counted.
 *
 * @param total every initializer's elements
 * @param lookedUp those of initializers that are the table of a Gather node (token and position
 *     embeddings): read by index, not multiplied, so they cost no FLOPs per token
 */
public record OnnxParameterCount(long total, long lookedUp) {
  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int NODE_INPUT = 1;
  private static final int NODE_OP_TYPE = 4;
  private static final int TENSOR_DIMS = 1;
  private static final int TENSOR_NAME = 8;

  /** The parameters every token is multiplied by: about half the FLOPs of a forward pass per token. */
  public long multiplied() {
    return total - lookedUp;
  }

  public static OnnxParameterCount of(byte[] onnx) {
    long total = 0;
    long lookedUp = 0;
    for (Field graph : new Message(onnx, 0, onnx.length).fields(MODEL_GRAPH)) {
      java.util.Set<String> tables = new java.util.HashSet<>();
      for (Field node : graph.message().fields(GRAPH_NODE)) {
        List<Field> opType = node.message().fields(NODE_OP_TYPE);
        List<Field> inputs = node.message().fields(NODE_INPUT);
        if (!opType.isEmpty() && opType.get(0).text().equals("Gather") && !inputs.isEmpty()) {
          tables.add(inputs.get(0).text());
        }
      }
      for (Field tensor : graph.message().fields(GRAPH_INITIALIZER)) {
        long elements = elements(tensor.message());
        total += elements;
        List<Field> name = tensor.message().fields(TENSOR_NAME);
        if (!name.isEmpty() && tables.contains(name.get(0).text())) {
          lookedUp += elements;
        }
      }
    }
    return new OnnxParameterCount(total, lookedUp);
  }

  private static long elements(Message tensor) {
    long count = 1;
    for (Field dims : tensor.fields(TENSOR_DIMS)) {
      if (dims.wireType == 0) {
        count *= dims.varint;
      } else {
        Reader packed = new Reader(dims.bytes, dims.from, dims.to);
        while (packed.more()) {
          count *= packed.varint();
        }
      }
    }
    return count;
  }

  /** One field of a message: a varint value, or the bounds of its bytes. */
  private record Field(int number, int wireType, long varint, byte[] bytes, int from, int to) {
    Message message() {
      return new Message(bytes, from, to);
    }

    String text() {
      return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private record Message(byte[] bytes, int from, int to) {
    List<Field> fields(int wanted) {
      List<Field> out = new java.util.ArrayList<>();
      Reader r = new Reader(bytes, from, to);
      while (r.more()) {
        long tag = r.varint();
        int number = (int) (tag >>> 3);
        int wireType = (int) (tag & 7);
        Field field = switch (wireType) {
          case 0 -> new Field(number, 0, r.varint(), bytes, 0, 0);
          case 1 -> new Field(number, 1, 0, bytes, r.skip(8), r.position);
          case 2 -> {
            int length = (int) r.varint();
            yield new Field(number, 2, 0, bytes, r.skip(length), r.position);
          }
          case 5 -> new Field(number, 5, 0, bytes, r.skip(4), r.position);
          default -> throw new IllegalArgumentException("not an ONNX model: protobuf wire type " + wireType);
        };
        if (number == wanted) {
          out.add(field);
        }
      }
      return out;
    }
  }

  private static final class Reader {
    private final byte[] bytes;
    private final int to;
    private int position;

    Reader(byte[] bytes, int from, int to) {
      this.bytes = bytes;
      this.position = from;
      this.to = to;
    }

    boolean more() {
      return position < to;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = bytes[position++];
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("not an ONNX model: malformed varint");
    }

    /** Skips {@code n} bytes; returns where they start. */
    int skip(int n) {
      int start = position;
      position += n;
      if (position > to) {
        throw new IllegalArgumentException("not an ONNX model: field runs past its message");
      }
      return start;
    }
  }
}
