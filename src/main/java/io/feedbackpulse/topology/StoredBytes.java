package io.feedbackpulse.topology;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The pieces the pending stores' values are written in: length-prefixed bytes (-1 for null), strings, headers. */
final class StoredBytes {
  private StoredBytes() {}

  static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b == null ? -1 : b.length);
    if (b != null) {
      out.write(b);
    }
  }

  static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    return length < 0 ? null : in.readNBytes(length);
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    writeBytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  static String readString(DataInputStream in) throws IOException {
    byte[] b = readBytes(in);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  static void writeHeaders(DataOutputStream out, Headers headers) throws IOException {
    Header[] all = headers.toArray();
    out.writeInt(all.length);
    for (Header h : all) {
      writeString(out, h.key());
      writeBytes(out, h.value());
    }
  }

  static Headers readHeaders(DataInputStream in) throws IOException {
    int count = in.readInt();
    Headers headers = new RecordHeaders();
    for (int i = 0; i < count; i++) {
      headers.add(readString(in), readBytes(in));
    }
    return headers;
  }
}
