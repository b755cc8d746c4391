package io.feedbackpulse.topology;

import io.feedbackpulse.avro.ScoredFeedback;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The pending-alerts store's values: key, timestamp, headers and the scored item as single-object Avro (no
 * registry). A later change of ScoredFeedback's schema must keep its earlier form readable here, as
 * {@link FeedbackCodec} does for Feedback, since entries may wait in the changelog across an upgrade.
 */
final class PendingAlertSerde implements Serde<PendingAlert> {
  private static final byte FORMAT = 1;

  @Override
  public Serializer<PendingAlert> serializer() {
    return (topic, alert) -> alert == null ? null : write(alert);
  }

  @Override
  public Deserializer<PendingAlert> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(PendingAlert a) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      writeBytes(out, a.key() == null ? null : a.key().getBytes(StandardCharsets.UTF_8));
      out.writeLong(a.timestamp());
      Header[] headers = a.headers().toArray();
      out.writeInt(headers.length);
      for (Header h : headers) {
        writeBytes(out, h.key().getBytes(StandardCharsets.UTF_8));
        writeBytes(out, h.value());
      }
      ByteBuffer scored = a.scored().toByteBuffer();
      byte[] value = new byte[scored.remaining()];
      scored.get(value);
      writeBytes(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize a pending alert", e);
    }
    return bytes.toByteArray();
  }

  static PendingAlert read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new IllegalStateException("pending alert in unknown format " + format);
      }
      byte[] key = readBytes(in);
      long timestamp = in.readLong();
      int headerCount = in.readInt();
      Headers headers = new RecordHeaders();
      for (int i = 0; i < headerCount; i++) {
        headers.add(new String(readBytes(in), StandardCharsets.UTF_8), readBytes(in));
      }
      ScoredFeedback scored = ScoredFeedback.fromByteBuffer(ByteBuffer.wrap(readBytes(in)));
      return new PendingAlert(key == null ? null : new String(key, StandardCharsets.UTF_8), scored, timestamp,
          headers);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot deserialize a pending alert", e);
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b == null ? -1 : b.length);
    if (b != null) {
      out.write(b);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    return length < 0 ? null : in.readNBytes(length);
  }
}
