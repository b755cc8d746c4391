package io.feedbackpulse.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names, shapes and data locations of an ONNX graph's initializers, and which of them are the
 * tables of Gather nodes, read from the model file's protobuf encoding (ModelProto.graph = 7;
 * GraphProto.node = 1, initializer = 5; NodeProto.input = 1, op_type = 4; TensorProto.dims = 1,
 * data_type = 2, name = 8, raw_data = 9) without loading the weights themselves.
 */
public final class OnnxInitializers {
  static final int FLOAT = 1;

  /**
   * One initializer's element type (ONNX TensorProto.DataType), shape, and where its raw_data bytes
   * lie in the file ({@code rawDataOffset} -1 when it keeps its values elsewhere).
   */
  public record Info(int dataType, long[] shape, long rawDataOffset, long rawDataLength) {
    public long elements() {
      long count = 1;
      for (long d : shape) {
        count *= d;
      }
      return count;
    }
  }

  private OnnxInitializers() {}

  /** The initializers by name, in file order. */
  public static Map<String, Info> read(Path onnx) {
    return scan(onnx, new HashSet<>());
  }

  /** The names of the initializers that Gather nodes index into (embedding tables). */
  public static Set<String> gatherTables(Path onnx) {
    Set<String> tables = new HashSet<>();
    scan(onnx, tables);
    return tables;
  }

  private static Map<String, Info> scan(Path onnx, Set<String> gatherTables) {
    try (FileChannel channel = FileChannel.open(onnx, StandardOpenOption.READ)) {
      MappedByteBuffer file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
      Map<String, Info> out = new LinkedHashMap<>();
      Reader model = new Reader(file, 0, file.limit());
      while (model.more()) {
        int field = model.tag();
        if (field == 7 && model.wireType == 2) {
          Reader graph = model.message();
          while (graph.more()) {
            int graphField = graph.tag();
            if (graphField == 5 && graph.wireType == 2) {
              tensor(graph.message(), out);
            } else if (graphField == 1 && graph.wireType == 2) {
              node(graph.message(), gatherTables);
            } else {
              graph.skip();
            }
          }
        } else {
          model.skip();
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + onnx, e);
    } catch (RuntimeException e) {
      throw new ModelFileException(onnx.getFileName() + " is not a readable ONNX model: " + e.getMessage(), e);
    }
  }

  private static void node(Reader node, Set<String> gatherTables) {
    String firstInput = null;
    String opType = null;
    while (node.more()) {
      int field = node.tag();
      if (field == 1 && node.wireType == 2 && firstInput == null) {
        firstInput = node.string();
      } else if (field == 4 && node.wireType == 2) {
        opType = node.string();
      } else {
        node.skip();
      }
    }
    if ("Gather".equals(opType) && firstInput != null) {
      gatherTables.add(firstInput);
    }
  }

  private static void tensor(Reader tensor, Map<String, Info> out) {
    List<Long> dims = new ArrayList<>();
    int dataType = 0;
    String name = null;
    long rawOffset = -1;
    long rawLength = 0;
    while (tensor.more()) {
      int field = tensor.tag();
      if (field == 1 && tensor.wireType == 0) {
        dims.add(tensor.varint());
      } else if (field == 1 && tensor.wireType == 2) {
        Reader packed = tensor.message();
        while (packed.more()) {
          dims.add(packed.varint());
        }
      } else if (field == 2 && tensor.wireType == 0) {
        dataType = (int) tensor.varint();
      } else if (field == 8 && tensor.wireType == 2) {
        name = tensor.string();
      } else if (field == 9 && tensor.wireType == 2) {
        Reader raw = tensor.message();
        rawOffset = raw.position;
        rawLength = raw.end - raw.position;
      } else {
        tensor.skip();
      }
    }
    if (name != null) {
      out.put(name, new Info(dataType, dims.stream().mapToLong(Long::longValue).toArray(), rawOffset, rawLength));
    }
  }

  /** A cursor over one protobuf message within the mapped file. */
  private static final class Reader {
    private final ByteBuffer buffer;
    private int position;
    private final int end;
    int wireType;

    Reader(ByteBuffer buffer, int from, int end) {
      this.buffer = buffer;
      this.position = from;
      this.end = end;
    }

    boolean more() {
      return position < end;
    }

    int tag() {
      long key = varint();
      wireType = (int) (key & 7);
      return (int) (key >>> 3);
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = buffer.get(position++);
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IllegalStateException("malformed varint at byte " + position);
    }

    Reader message() {
      int length = Math.toIntExact(varint());
      if (length < 0 || position + length > end) {
        throw new IllegalStateException("field of " + length + " bytes overruns its message at byte " + position);
      }
      Reader inner = new Reader(buffer, position, position + length);
      position += length;
      return inner;
    }

    String string() {
      Reader bytes = message();
      byte[] out = new byte[bytes.end - bytes.position];
      buffer.get(bytes.position, out);
      return new String(out, StandardCharsets.UTF_8);
    }

    void skip() {
      switch (wireType) {
        case 0 -> varint();
        case 1 -> position += 8;
        case 2 -> message();
        case 5 -> position += 4;
        default -> throw new IllegalStateException("unsupported wire type " + wireType + " at byte " + position);
      }
    }
  }
}
