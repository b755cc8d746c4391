package io.feedbackpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.Feedback;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which differences make a copy of an item an edit (a new fingerprint) and which do not. */
class ContentFingerprintTest {
  private static final Feedback ITEM = Feedback.newBuilder().setId("app:r-1").setChannel("app").setSourceId("r-1")
      .setEventTime(Instant.parse("2026-11-29T10:00:00Z")).setEventTimeSource("payload")
      .setOriginalText("<p>Nice  dress</p>").setText("Nice dress").setCustomerId("cust-1").setProductId("p-1")
      .setProductCategory("Dresses").setRating(4).setPlatform("ios").setAttributes(Map.of("appVersion", "1.0"))
      .build();

  @Test
  void timeOriginalRenderingAttributesAndRevisionDoNotCount() {
    Feedback copy = Feedback.newBuilder(ITEM).setEventTime(Instant.parse("2026-11-30T10:00:00Z"))
        .setEventTimeSource("record_timestamp").setOriginalText("Nice dress").setAttributes(Map.of("appVersion", "1.1"))
        .setRevision(2).build();
    assertThat(ContentFingerprint.of(copy)).isEqualTo(ContentFingerprint.of(ITEM));
  }

  @Test
  void textAndEveryFieldThatRoutesOrScoresCount() {
    String item = ContentFingerprint.of(ITEM);
    assertThat(ContentFingerprint.of(Feedback.newBuilder(ITEM).setText("Nice dres").build())).isNotEqualTo(item);
    assertThat(ContentFingerprint.of(Feedback.newBuilder(ITEM).setCustomerId(null).build())).isNotEqualTo(item);
    assertThat(ContentFingerprint.of(Feedback.newBuilder(ITEM).setCustomerId("").build())).isNotEqualTo(item);
    assertThat(ContentFingerprint.of(Feedback.newBuilder(ITEM).setRating(1).build())).isNotEqualTo(item);
    assertThat(ContentFingerprint.of(Feedback.newBuilder(ITEM).setSubject("Re: dress").build())).isNotEqualTo(item);
    assertThat(ContentFingerprint.of(Feedback.newBuilder(ITEM).setProductCategory("Tops").build())).isNotEqualTo(item);
  }

  @Test
  void fieldBoundariesCount() {
    Feedback a = Feedback.newBuilder(ITEM).setText("ab").setSubject("c").build();
    Feedback b = Feedback.newBuilder(ITEM).setText("a").setSubject("bc").build();
    assertThat(ContentFingerprint.of(a)).isNotEqualTo(ContentFingerprint.of(b));
  }
}
