package io.feedbackpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.Feedback;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * Feedback in the pending-inference changelog and the by-feedback-id topic: what this version writes
 * reads back, and what the version before {@code revision} wrote (a restore after an upgrade) reads as
 * revision 0.
 */
class FeedbackCodecTest {
  private static final Feedback FEEDBACK = Feedback.newBuilder().setId("chat:c-1").setChannel("chat")
      .setSourceId("c-1").setEventTime(Instant.parse("2026-11-29T10:00:00Z")).setOriginalText("<p>Late</p>")
      .setText("Late").setCustomerId("cust-1").setAttributes(Map.of("sessionId", "s-1")).setRevision(3).build();

  @Test
  void whatItWritesReadsBackEqual() {
    assertThat(FeedbackCodec.decode(FeedbackCodec.encode(FEEDBACK))).isEqualTo(FEEDBACK);
  }

  @Test
  void whatTheFirstReleaseWroteReadsWithTheNewFieldsDefaults() throws Exception {
    Schema before;
    try (InputStream in = getClass().getResourceAsStream("/schema-history/Feedback-0.1.avsc")) {
      before = new Schema.Parser().parse(in);
    }
    assertThat(before.getField("revision")).isNull();
    assertThat(before.getField("eventTimeSource")).isNull();
    GenericRecord old = new GenericData.Record(before);
    for (Schema.Field field : before.getFields()) {
      Object value = FEEDBACK.get(field.name());
      old.put(field.name(), value instanceof Instant t ? t.toEpochMilli() : value);
    }
    ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), before).encode(old);
    byte[] bytes = new byte[written.remaining()];
    written.get(bytes);

    Feedback read = FeedbackCodec.decode(bytes);

    assertThat(read.getRevision()).isZero();
    assertThat(read.getEventTimeSource()).isEqualTo("payload");
    assertThat(read).isEqualTo(Feedback.newBuilder(FEEDBACK).setRevision(0).build());
  }

  @Test
  void bytesOfAnUnknownSchemaAreRefused() {
    byte[] bytes = FeedbackCodec.encode(FEEDBACK);
    bytes[5] ^= 0x5a; // inside the schema fingerprint
    assertThatThrownBy(() -> FeedbackCodec.decode(bytes)).hasMessageContaining("Cannot resolve schema");
  }
}
