package io.feedbackpulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.AlertPriority;
import io.feedbackpulse.avro.Explanation;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ModelInfo;
import io.feedbackpulse.avro.Probabilities;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SentenceScore;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.Timings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
  void anItemInALanguageTheModelDoesNotReadReachesAPersonNegativeOrNot() {
    for (ScoredFeedback chinese : List.of(scored(-1, 0.99, "快递太慢了，包装也破了，非常失望", "c-1"),
        scored(1, 0.01, "快递太慢了，包装也破了，非常失望", "c-1"))) {
      chinese.getFeedback().setLanguage("zh");
      chinese.setLanguageSupported(false);
      assertThat(builder.readAsNegative(chinese)).as("its label is a guess: nothing to explain").isFalse();
      SupportAlert alert = builder.alertFor(chinese, 1).orElseThrow();
      assertThat(alert.getReason()).isEqualTo(AlertBuilder.UNSUPPORTED_LANGUAGE);
      assertThat(alert.getLanguage()).isEqualTo("zh");
      assertThat(alert.getPriority()).as("the model's guess sets no priority").isEqualTo(AlertPriority.LOW);
      assertThat(alert.getPriorityReasons()).containsExactly("language zh is not one the model reads");
      assertThat(builder.alertFor(chinese, 3).orElseThrow().getPriority()).isEqualTo(AlertPriority.HIGH);
    }
  }

  @Test
  void anItemReadInPartAlertsAsNegativeWhenThePartIsAndReachesAPersonWhenNot() {
    ScoredFeedback negativePart = scored(-1, 0.8, "The parcel is broken, awful. Das ist eine Katastrophe.", null);
    negativePart.getFeedback().setLanguage("de");
    negativePart.setScoredPartLanguage("en");
    SupportAlert negative = builder.alertFor(negativePart, 1).orElseThrow();
    assertThat(negative.getReason()).isEqualTo(AlertBuilder.NEGATIVE);
    assertThat(negative.getPriority()).isEqualTo(AlertPriority.MEDIUM);
    assertThat(negative.getLanguage()).isEqualTo("de");

    ScoredFeedback positivePart = scored(1, 0.05, "Great product, thank you. Aber die Lieferung war eine Katastrophe.",
        null);
    positivePart.getFeedback().setLanguage("de");
    positivePart.setScoredPartLanguage("en");
    SupportAlert unread = builder.alertFor(positivePart, 1).orElseThrow();
    assertThat(unread.getReason()).isEqualTo(AlertBuilder.UNSUPPORTED_LANGUAGE);
    assertThat(unread.getPriorityReasons())
        .containsExactly("the model read only its en part, not negative; the rest is de");
  }

  @Test
  void aSupportedItemThatIsNotNegativeIsStillNoAlert() {
    ScoredFeedback english = scored(1, 0.05, "Lovely dress, fits perfectly and the colour is as pictured", null);
    english.getFeedback().setLanguage("en");
    assertThat(builder.alertFor(english, 3)).isEmpty();
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

  @Test
  void theAlertNamesTheCustomersCaseElseTheChatSessionsElseItsOwn() {
    assertThat(builder.alertFor(scored(-1, 0.7, "bad", "c-9"), 1).orElseThrow().getCaseId())
        .isEqualTo("customer:c-9");
    ScoredFeedback inSession = scored(-1, 0.7, "bad", null);
    inSession.getFeedback().setAttributes(Map.of("sessionId", "s-4"));
    assertThat(builder.alertFor(inSession, 1).orElseThrow().getCaseId()).isEqualTo("session:s-4");
    assertThat(builder.alertFor(scored(-1, 0.7, "bad", null), 1).orElseThrow().getCaseId())
        .isEqualTo("item:chat:m-1");
  }

  @Test
  void theExcerptStartsAtTheTopSentenceMasked() {
    ScoredFeedback s = scored(-1, 0.9, "Hi there. Mail a@b.example now, it broke. Thanks", null);
    s.setExplanation(Explanation.newBuilder()
        .setSentences(List.of(new SentenceScore(1, "Mail [email] now, it broke.", 0.9, 0.5)))
        .setWords(List.of()).setSentenceCount(3).setWordCount(9).setSentenceOcclusion(true)
        .setWordOcclusion(false).setModelTokens(40).build());
    SupportAlert alert = builder.alertFor(s, 1).orElseThrow();
    assertThat(alert.getExcerpt()).isEqualTo("…Mail [email] now, it broke. Thanks");
    assertThat(alert.getExplanation()).isEqualTo(s.getExplanation());
  }
}
