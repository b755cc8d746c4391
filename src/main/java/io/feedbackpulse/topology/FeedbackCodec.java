package io.feedbackpulse.topology;

import io.feedbackpulse.avro.Feedback;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A {@link Feedback} in Avro single-object encoding, for the topology's own stores and internal topics
 * (never for public topics, which carry registry-framed Avro). The schema fingerprint in each message
 * makes a reader fail loudly on a schema it does not know instead of misreading it; the earlier
 * versions of the schema that a running service may have written (a changelog restored or an internal
 * topic read after an upgrade) are known here and read into the current one.
 */
final class FeedbackCodec {
  /**
   * Feedback as the first release wrote it (before {@code eventTimeSource} and {@code revision}); kept so the
   * entries it left in the pending-inference changelog still read after an upgrade.
   */
  private static final String FIRST_RELEASE = "/schema-history/Feedback-0.1.avsc";
  private static final BinaryMessageDecoder<Feedback> DECODER = decoder();

  private FeedbackCodec() {}

  static byte[] encode(Feedback feedback) {
    try {
      ByteBuffer b = feedback.toByteBuffer();
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode feedback " + feedback.getId(), e);
    }
  }

  static Feedback decode(byte[] bytes) {
    try {
      return DECODER.decode(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode a feedback item", e);
    }
  }

  /** The serde of the by-feedback-id repartition topic. */
  static Serde<Feedback> serde() {
    Serializer<Feedback> write = (topic, f) -> f == null ? null : encode(f);
    Deserializer<Feedback> read = (topic, bytes) -> bytes == null ? null : decode(bytes);
    return Serdes.serdeFrom(write, read);
  }

  private static BinaryMessageDecoder<Feedback> decoder() {
    BinaryMessageDecoder<Feedback> decoder = new BinaryMessageDecoder<>(SpecificData.get(), Feedback.getClassSchema());
    try (InputStream in = FeedbackCodec.class.getResourceAsStream(FIRST_RELEASE)) {
      if (in == null) {
        throw new IllegalStateException(FIRST_RELEASE + " is missing from the classpath");
      }
      decoder.addSchema(new Schema.Parser().parse(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return decoder;
  }
}
