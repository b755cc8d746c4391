package io.feedbackpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.registry.SchemaNotFoundException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/** An unknown schema id is asked about once per while, not once per record. */
class UnknownSchemaIdsTest {
  final AtomicLong now = new AtomicLong();
  final AtomicInteger lookups = new AtomicInteger();
  final Deserializer<GenericRecord> registryThatKnowsNothing = (topic, bytes) -> {
    lookups.incrementAndGet();
    throw new SerializationException("cannot resolve", new SchemaNotFoundException("Schema not found", 40403));
  };
  final RawRecordDecoder decoder = new RawRecordDecoder(registryThatKnowsNothing,
      new UnknownSchemaIds(Duration.ofSeconds(30), now::get));

  @Test
  void anUnknownIdIsRejectedWithoutAskingTheRegistryAgainUntilItsTimeIsUp() {
    for (int i = 0; i < 1_000; i++) {
      assertThatThrownBy(() -> decoder.decode("feedback.raw.chat", framed(99)))
          .isInstanceOfSatisfying(RejectedRecordException.class,
              e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_SCHEMA_ID));
    }
    assertThat(lookups).as("the first record asks; the next 999 are answered from memory").hasValue(1);

    assertThatThrownBy(() -> decoder.decode("feedback.raw.chat", framed(100))).isInstanceOf(RejectedRecordException.class);
    assertThat(lookups).as("another id is asked about").hasValue(2);

    now.addAndGet(Duration.ofSeconds(30).toNanos());
    assertThatThrownBy(() -> decoder.decode("feedback.raw.chat", framed(99))).isInstanceOf(RejectedRecordException.class);
    assertThat(lookups).as("after 30 s the id may have been registered: asked again").hasValue(3);
  }

  private static byte[] framed(int schemaId) {
    return ByteBuffer.allocate(8).put((byte) 0).putInt(schemaId).put(new byte[] {2, 4, 6}).array();
  }
}
