package io.feedbackpulse.cases;

import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.SupportCase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Alerts and cases in Avro single-object encoding, for the by-case repartition topic and the open-cases store
 * (internal, so no registry: the schema fingerprint in each message makes a reader fail loudly on one it does not
 * know). What the release before {@code reasons} wrote (the open cases restored from their changelog, alerts left in
 * the repartition topic at an upgrade) still reads, into the current records.
 */
public final class CaseRecords {
  private static final String ALERT_BEFORE_REASONS = "/schema-history/SupportAlert-0.2.avsc";
  private static final String CASE_BEFORE_REASONS = "/schema-history/SupportCase-0.2.avsc";
  private static final BinaryMessageDecoder<SupportAlert> ALERTS =
      decoder(SupportAlert.getClassSchema(), ALERT_BEFORE_REASONS);
  private static final BinaryMessageDecoder<SupportCase> CASES = decoder(SupportCase.getClassSchema(),
      CASE_BEFORE_REASONS);

  private CaseRecords() {}

  public static Serde<SupportAlert> alerts() {
    return Serdes.serdeFrom((topic, a) -> a == null ? null : bytes(encode(a::toByteBuffer)),
        (topic, b) -> b == null ? null : decode(() -> ALERTS.decode(b)));
  }

  public static Serde<SupportCase> cases() {
    return Serdes.serdeFrom((topic, c) -> c == null ? null : bytes(encode(c::toByteBuffer)),
        (topic, b) -> b == null ? null : decode(() -> CASES.decode(b)));
  }

  private static <T> BinaryMessageDecoder<T> decoder(Schema current, String earlier) {
    BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(SpecificData.get(), current);
    try (InputStream in = CaseRecords.class.getResourceAsStream(earlier)) {
      if (in == null) {
        throw new IllegalStateException(earlier + " is missing from the classpath");
      }
      decoder.addSchema(new Schema.Parser().parse(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return decoder;
  }

  private interface Io<T> {
    T get() throws IOException;
  }

  private static ByteBuffer encode(Io<ByteBuffer> write) {
    return decode(write);
  }

  private static <T> T decode(Io<T> io) {
    try {
      return io.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
