package io.feedbackpulse.onnx;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-level fields of one protobuf message in a buffer, each with the span of its bytes (tag included), so
 * a rewrite can copy the fields it keeps unchanged and decode only those it changes.
 */
final class ProtoMessage {
  static final int VARINT = 0;
  static final int LENGTH_DELIMITED = 2;

  /**
   * One field: its number and wire type, where its bytes start (tag) and end, and where its value starts (after
   * the length prefix, for length-delimited fields).
   */
  record Field(int number, int wireType, int start, int valueStart, int end) {
    int valueLength() {
      return end - valueStart;
    }
  }

  private final ByteBuffer buffer;
  private final List<Field> fields;

  private ProtoMessage(ByteBuffer buffer, List<Field> fields) {
    this.buffer = buffer;
    this.fields = fields;
  }

  static ProtoMessage parse(ByteBuffer buffer, int from, int to) {
    List<Field> fields = new ArrayList<>();
    int[] position = {from};
    while (position[0] < to) {
      int start = position[0];
      long key = varint(buffer, position);
      int wireType = (int) (key & 7);
      int number = (int) (key >>> 3);
      int valueStart;
      switch (wireType) {
        case VARINT -> {
          valueStart = position[0];
          varint(buffer, position);
        }
        case 1 -> {
          valueStart = position[0];
          position[0] += 8;
        }
        case LENGTH_DELIMITED -> {
          long length = varint(buffer, position);
          valueStart = position[0];
          if (length < 0 || valueStart + length > to) {
            throw new IllegalStateException("field " + number + " of " + length + " bytes overruns its message at byte "
                + valueStart);
          }
          position[0] += (int) length;
        }
        case 5 -> {
          valueStart = position[0];
          position[0] += 4;
        }
        default -> throw new IllegalStateException("unsupported wire type " + wireType + " at byte " + start);
      }
      fields.add(new Field(number, wireType, start, valueStart, position[0]));
    }
    return new ProtoMessage(buffer, fields);
  }

  List<Field> fields() {
    return fields;
  }

  ProtoMessage message(Field field) {
    return parse(buffer, field.valueStart(), field.end());
  }

  String string(Field field) {
    byte[] bytes = new byte[field.valueLength()];
    buffer.get(field.valueStart(), bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  long varint(Field field) {
    return varint(buffer, new int[] {field.valueStart()});
  }

  /** The values of a repeated varint field, packed or not. */
  List<Long> varints(int number) {
    List<Long> out = new ArrayList<>();
    for (Field f : fields) {
      if (f.number() != number) {
        continue;
      }
      if (f.wireType() == VARINT) {
        out.add(varint(f));
      } else if (f.wireType() == LENGTH_DELIMITED) {
        int[] position = {f.valueStart()};
        while (position[0] < f.end()) {
          out.add(varint(buffer, position));
        }
      }
    }
    return out;
  }

  /** The strings of a repeated string field, in order. */
  List<String> strings(int number) {
    List<String> out = new ArrayList<>();
    for (Field f : fields) {
      if (f.number() == number && f.wireType() == LENGTH_DELIMITED) {
        out.add(string(f));
      }
    }
    return out;
  }

  /** The first string of a field, or the empty string (protobuf's default). */
  String string(int number) {
    List<String> all = strings(number);
    return all.isEmpty() ? "" : all.get(0);
  }

  /** The field's bytes as they lie in the buffer, tag included. */
  ByteBuffer bytes(Field field) {
    return buffer.slice(field.start(), field.end() - field.start());
  }

  ByteBuffer value(Field field) {
    return buffer.slice(field.valueStart(), field.valueLength());
  }

  private static long varint(ByteBuffer buffer, int[] position) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = buffer.get(position[0]++);
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IllegalStateException("malformed varint at byte " + position[0]);
  }
}
