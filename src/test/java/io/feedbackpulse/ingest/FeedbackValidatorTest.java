package io.feedbackpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.Feedback;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedbackValidatorTest {

  private final FeedbackValidator validator = new FeedbackValidator(5);

  private static Feedback feedback(String sourceId, String text) {
    return Feedback.newBuilder().setId("chat:" + sourceId).setChannel("chat").setSourceId(sourceId)
        .setEventTime(Instant.EPOCH).setOriginalText(text).setText(text).setAttributes(Map.of()).build();
  }

  @Test
  void countsCharactersNotUtf16Units() {
    assertThatCode(() -> validator.validate(feedback("m-1", "\uD83D\uDE21\uD83D\uDE21\uD83D\uDE21ok")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> validator.validate(feedback("m-1", "abcdef")))
        .isInstanceOfSatisfying(RejectedRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.TEXT_TOO_LONG));
  }

  @Test
  void rejectsEmptyTextAndABlankSourceId() {
    assertThatThrownBy(() -> validator.validate(feedback("m-1", "")))
        .isInstanceOfSatisfying(RejectedRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.EMPTY_TEXT));
    assertThatThrownBy(() -> validator.validate(feedback(" ", "fine")))
        .isInstanceOfSatisfying(RejectedRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD));
  }

  @Test
  void needsAPositiveMaximum() {
    assertThatIllegalArgumentException().isThrownBy(() -> new FeedbackValidator(0));
  }
}
