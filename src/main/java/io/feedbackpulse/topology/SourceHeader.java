package io.feedbackpulse.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Carries a channel record's topic, partition and offset across the by-feedback-id repartition, after
 * which Kafka Streams' record metadata names the internal topic: a dead letter written after it (the
 * model failed on the item) must still point at the record a producer sent. The header is internal:
 * the scoring step takes it off before anything is written to an output topic.
 */
final class SourceHeader {
  static final String KEY = "feedback-pulse.source";

  private SourceHeader() {}

  /** A copy of {@code headers} with the source added (the input record's headers are left alone). */
  static Headers stamped(Headers headers, RecordMetadata source) {
    Headers copy = new RecordHeaders(headers.toArray());
    copy.remove(KEY);
    if (source != null) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeUTF(source.topic());
        out.writeInt(source.partition());
        out.writeLong(source.offset());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      copy.add(KEY, bytes.toByteArray());
    }
    return copy;
  }

  /** The source the header names, which is removed from {@code headers}; empty when there is none. */
  static Optional<PendingRecord.Source> take(Headers headers) {
    Header header = headers.lastHeader(KEY);
    if (header == null) {
      return Optional.empty();
    }
    headers.remove(KEY);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(header.value()))) {
      return Optional.of(new PendingRecord.Source(in.readUTF(), in.readInt(), in.readLong()));
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable " + KEY + " header", e);
    }
  }
}
