package io.feedbackpulse.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes protobuf fields into a byte array: the few shapes ONNX's messages need. */
final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ProtoWriter varint(int number, long value) {
    tag(number, ProtoMessage.VARINT);
    writeVarint(out, value);
    return this;
  }

  ProtoWriter string(int number, String value) {
    return bytes(number, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter bytes(int number, byte[] value) {
    tag(number, ProtoMessage.LENGTH_DELIMITED);
    writeVarint(out, value.length);
    out.writeBytes(value);
    return this;
  }

  ProtoWriter message(int number, ProtoWriter message) {
    return bytes(number, message.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void tag(int number, int wireType) {
    writeVarint(out, ((long) number << 3) | wireType);
  }

  /** The bytes of a length-delimited field's tag and length prefix, for a value written separately. */
  static byte[] lengthPrefix(int number, long length) {
    ByteArrayOutputStream prefix = new ByteArrayOutputStream();
    writeVarint(prefix, ((long) number << 3) | ProtoMessage.LENGTH_DELIMITED);
    writeVarint(prefix, length);
    return prefix.toByteArray();
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
