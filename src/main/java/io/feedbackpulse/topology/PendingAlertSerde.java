package io.feedbackpulse.topology;

import static io.feedbackpulse.topology.StoredBytes.readBytes;
import static io.feedbackpulse.topology.StoredBytes.readHeaders;
import static io.feedbackpulse.topology.StoredBytes.readString;
import static io.feedbackpulse.topology.StoredBytes.writeBytes;
import static io.feedbackpulse.topology.StoredBytes.writeHeaders;
import static io.feedbackpulse.topology.StoredBytes.writeString;

import io.feedbackpulse.avro.ScoredFeedback;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Headers;
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
      writeString(out, a.key());
      out.writeLong(a.timestamp());
      writeHeaders(out, a.headers());
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
      String key = readString(in);
      long timestamp = in.readLong();
      Headers headers = readHeaders(in);
      ScoredFeedback scored = ScoredFeedback.fromByteBuffer(ByteBuffer.wrap(readBytes(in)));
      return new PendingAlert(key, scored, timestamp, headers);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot deserialize a pending alert", e);
    }
  }
}
