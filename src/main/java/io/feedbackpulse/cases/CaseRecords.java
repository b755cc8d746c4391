package io.feedbackpulse.cases;

import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.SupportCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Alerts and cases in Avro single-object encoding, for the by-case repartition topic and the open-cases store
 * (internal, so no registry: the schema fingerprint in each message makes a reader fail loudly on one it does not
 * know).
 */
public final class CaseRecords {
  private CaseRecords() {}

  public static Serde<SupportAlert> alerts() {
    return Serdes.serdeFrom((topic, a) -> a == null ? null : bytes(encode(a::toByteBuffer)),
        (topic, b) -> b == null ? null : decode(() -> SupportAlert.getDecoder().decode(b)));
  }

  public static Serde<SupportCase> cases() {
    return Serdes.serdeFrom((topic, c) -> c == null ? null : bytes(encode(c::toByteBuffer)),
        (topic, b) -> b == null ? null : decode(() -> SupportCase.getDecoder().decode(b)));
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
