package io.feedbackpulse.topology;

import static io.feedbackpulse.topology.StoredBytes.readBytes;
import static io.feedbackpulse.topology.StoredBytes.readHeaders;
import static io.feedbackpulse.topology.StoredBytes.readString;
import static io.feedbackpulse.topology.StoredBytes.writeBytes;
import static io.feedbackpulse.topology.StoredBytes.writeHeaders;
import static io.feedbackpulse.topology.StoredBytes.writeString;

import io.feedbackpulse.avro.Feedback;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of a {@link PendingRecord} for the pending-inference store and its changelog. The
 * Feedback is in Avro single-object encoding ({@link FeedbackCodec}), whose schema fingerprint makes a
 * reader of an unknown schema version fail loudly instead of misreading.
 */
final class PendingRecordSerde implements Serde<PendingRecord> {
  private static final byte FORMAT = 1;

  @Override
  public Serializer<PendingRecord> serializer() {
    return (topic, record) -> record == null ? null : write(record);
  }

  @Override
  public Deserializer<PendingRecord> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(PendingRecord r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      writeString(out, r.key());
      out.writeLong(r.timestamp());
      out.writeLong(r.arrivedAtMillis());
      out.writeBoolean(r.source() != null);
      if (r.source() != null) {
        writeString(out, r.source().topic());
        out.writeInt(r.source().partition());
        out.writeLong(r.source().offset());
      }
      writeHeaders(out, r.headers());
      writeBytes(out, FeedbackCodec.encode(r.feedback()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize a pending record", e);
    }
    return bytes.toByteArray();
  }

  static PendingRecord read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new IllegalStateException("pending record in unknown format " + format);
      }
      String key = readString(in);
      long timestamp = in.readLong();
      long arrivedAt = in.readLong();
      PendingRecord.Source source = in.readBoolean()
          ? new PendingRecord.Source(readString(in), in.readInt(), in.readLong()) : null;
      Headers headers = readHeaders(in);
      Feedback feedback = FeedbackCodec.decode(readBytes(in));
      return new PendingRecord(key, feedback, timestamp, headers, arrivedAt, source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot deserialize a pending record", e);
    }
  }
}
