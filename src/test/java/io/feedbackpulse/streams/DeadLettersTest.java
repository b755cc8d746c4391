package io.feedbackpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.DeadLetter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
  final DeadLetters letters = new DeadLetters(Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC), 8);

  @Test
  void anOriginalValueOverTheBoundIsCutAndSaysSo() {
    byte[] value = "0123456789abc".getBytes();
    DeadLetter d = letters.of("record_too_large", "x".repeat(5_000), "chat", "in", 0, 3, 1, "key-over-8".getBytes(),
        value);
    byte[] kept = new byte[d.getOriginalValue().remaining()];
    d.getOriginalValue().duplicate().get(kept);
    assertThat(kept).isEqualTo(Arrays.copyOf(value, 8));
    assertThat(d.getOriginalValueSize()).isEqualTo(13);
    assertThat(d.getOriginalValueTruncated()).isTrue();
    assertThat(d.getOriginalKey().remaining()).isEqualTo(8);
    assertThat(d.getDetail()).hasSize(DeadLetters.MAX_DETAIL_CHARS + 3);
  }

  @Test
  void anOriginalValueWithinTheBoundIsKeptWhole() {
    DeadLetter d = letters.of("invalid_json", "bad", "chat", "in", 0, 3, 1, null, "{oops".getBytes());
    assertThat(d.getOriginalValue().remaining()).isEqualTo(5);
    assertThat(d.getOriginalValueSize()).isEqualTo(5);
    assertThat(d.getOriginalValueTruncated()).isFalse();
    assertThat(letters.of("null_value", "none", "chat", "in", 0, 4, 1, null, null).getOriginalValueSize()).isEqualTo(-1);
  }
}
