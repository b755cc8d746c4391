package io.feedbackpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.Feedback;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** What the pending-inference store and its changelog hold survives the trip through bytes. */
class PendingRecordSerdeTest {
  private static final Feedback FEEDBACK = Feedback.newBuilder().setId("app:r-1").setChannel("app").setSourceId("r-1")
      .setEventTime(Instant.parse("2026-11-29T10:00:00Z")).setOriginalText("<p>Nice</p>").setText("Nice")
      .setRating(5).setAttributes(Map.of("platform", "ios")).build();

  @Test
  void aRecordWithKeySourceAndHeadersComesBackEqual() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
    headers.add("empty", null);
    PendingRecord record = new PendingRecord("app:r-1", FEEDBACK, 1_000L, headers, 2_000L,
        new PendingRecord.Source("feedback.raw.app", 2, 41L));

    PendingRecord back = roundTrip(record);

    assertThat(back.key()).isEqualTo("app:r-1");
    assertThat(back.feedback()).isEqualTo(FEEDBACK);
    assertThat(back.timestamp()).isEqualTo(1_000L);
    assertThat(back.arrivedAtMillis()).isEqualTo(2_000L);
    assertThat(back.source()).isEqualTo(new PendingRecord.Source("feedback.raw.app", 2, 41L));
    assertThat(back.headers().lastHeader("trace").value()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
    assertThat(back.headers().lastHeader("empty").value()).isNull();
  }

  @Test
  void aRecordWithoutKeyOrSourceComesBackWithout() {
    PendingRecord back = roundTrip(new PendingRecord(null, FEEDBACK, 5L, new RecordHeaders(), 6L, null));
    assertThat(back.key()).isNull();
    assertThat(back.source()).isNull();
    assertThat(back.headers().toArray()).isEmpty();
  }

  @Test
  void bytesOfAnotherFormatAreRefused() {
    byte[] bytes = PendingRecordSerde.write(new PendingRecord(null, FEEDBACK, 5L, new RecordHeaders(), 6L, null));
    bytes[0] = 9;
    assertThatThrownBy(() -> PendingRecordSerde.read(bytes)).hasMessageContaining("unknown format 9");
  }

  private static PendingRecord roundTrip(PendingRecord record) {
    PendingRecordSerde serde = new PendingRecordSerde();
    return serde.deserializer().deserialize("changelog", serde.serializer().serialize("changelog", record));
  }
}
