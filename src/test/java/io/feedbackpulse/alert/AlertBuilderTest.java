package io.feedbackpulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.AlertPriority;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ModelInfo;
import io.feedbackpulse.avro.Probabilities;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.Timings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertBuilderTest {
  private final AlertBuilder builder = new AlertBuilder(
      new AlertPolicy(0.6, 0.9, 0.75, Duration.ofHours(24), 2, 40), new PiiRedactor());

  static ScoredFeedback scored(int label, double negative, String text, String customer) {
    double rest = (1 - negative) / 2;
    Feedback f = Feedback.newBuilder().setId("chat:m-1").setChannel("chat").setSourceId("m-1")
        .setEventTime(Instant.parse("2026-11-29T10:00:00Z")).setOriginalText(text).setText(text)
        .setCustomerId(customer).setAttributes(Map.of()).build();
    return ScoredFeedback.newBuilder().setFeedback(f).setLabel(label).setLabelName("x")
        .setProbabilities(new Probabilities(negative, rest, rest)).setConfidence(Math.max(negative, rest))
        .setTokenCount(5).setChunkCount(1).setModel(new ModelInfo("sha256:0", "v"))
        .setTimings(new Timings(Instant.EPOCH, 1L, 1, 0L)).build();
  }

  @Test
  void notNegativeOrNotConfidentEnoughIsNoAlert() {
    assertThat(builder.alertFor(scored(0, 0.5, "meh", null), 1)).isEmpty();
    assertThat(builder.alertFor(scored(-1, 0.55, "bad", null), 1)).isEmpty();
  }

  @Test
  void anItemInALanguageTheModelDoesNotReadIsNoAlert() {
    ScoredFeedback chinese = scored(-1, 0.99, "快递太慢了，包装也破了，非常失望", "c-1");
    chinese.getFeedback().setLanguage("zh");
    chinese.setLanguageSupported(false);
    assertThat(builder.alertFor(chinese, 3)).isEmpty();
  }

  @Test
  void priorityFollowsConfidence() {
    assertThat(builder.alertFor(scored(-1, 0.65, "bad", null), 1).orElseThrow().getPriority())
        .isEqualTo(AlertPriority.LOW);
    assertThat(builder.alertFor(scored(-1, 0.8, "bad", null), 1).orElseThrow().getPriority())
        .isEqualTo(AlertPriority.MEDIUM);
    assertThat(builder.alertFor(scored(-1, 0.95, "bad", null), 1).orElseThrow().getPriority())
        .isEqualTo(AlertPriority.HIGH);
  }

  @Test
  void aCustomerOnSeveralChannelsIsHighPriority() {
    SupportAlert alert = builder.alertFor(scored(-1, 0.65, "bad", "c-1"), 2).orElseThrow();
    assertThat(alert.getPriority()).isEqualTo(AlertPriority.HIGH);
    assertThat(alert.getPriorityReasons()).anyMatch(r -> r.contains("2 channels"));
    assertThat(alert.getCustomerId()).isEqualTo("c-1");
  }

  @Test
  void excerptIsRedactedAndShort() {
    Optional<SupportAlert> alert = builder.alertFor(
        scored(-1, 0.95, "Mail me at angry@example.com, the parcel never arrived and nobody answers", null), 1);
    assertThat(alert.orElseThrow().getExcerpt()).startsWith("Mail me at [email], the parcel").endsWith("…")
        .hasSizeLessThanOrEqualTo(40);
  }
}
