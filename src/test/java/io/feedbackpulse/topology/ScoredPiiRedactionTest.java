package io.feedbackpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.inference.Prediction;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** pii.redact-scored: what feedback.scored carries as text, and that the model still sees the whole text. */
class ScoredPiiRedactionTest {
  private static final String TEXT = "Refund to 4111 1111 1111 1111 never came, mail me at ann@example.com or +44 20 7946 0958";
  private static final String MASKED = "Refund to [card] never came, mail me at [email] or [phone]";
  private TopologyFixture f;

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void byDefaultScoredFeedbackKeepsTheTextAsSent() {
    f = new TopologyFixture(Map.of());

    ScoredFeedback scored = scoreChat(TEXT);

    assertThat(scored.getFeedback().getText()).isEqualTo(TEXT);
    assertThat(scored.getFeedback().getOriginalText()).isEqualTo(TEXT);
  }

  @Test
  void whenSetScoredFeedbackCarriesMaskedTextButTheLabelOfTheWholeText() {
    f = new TopologyFixture(Map.of("pii.redact-scored", "true"));

    ScoredFeedback scored = scoreChat(TEXT);

    Prediction ofWholeText = f.oracle(TEXT);
    assertThat(scored.getFeedback().getText()).isEqualTo(MASKED);
    assertThat(scored.getFeedback().getOriginalText()).isEqualTo(MASKED);
    assertThat(scored.getLabel()).isEqualTo(ofWholeText.label().value());
    assertThat(scored.getConfidence()).isEqualTo(ofWholeText.confidence());
    assertThat(scored.getTokenCount()).isEqualTo(ofWholeText.tokenCount());
  }

  @Test
  void whenSetEveryFreeTextFieldIsMaskedAndTheFieldsThatNameAPersonWhole() {
    f = new TopologyFixture(Map.of("pii.redact-scored", "true"));
    f.json("feedback.raw.email", "e-1", "{\"messageId\":\"e-1\",\"body\":\"Charged twice, see subject\","
        + "\"subject\":\"Card 4111 1111 1111 1111 charged twice\",\"from\":\"Jane Doe <jane@example.com>\"}",
        TopologyFixture.T0);
    f.json("feedback.raw.social", "p-1", "{\"postId\":\"p-1\",\"text\":\"Still waiting\",\"author\":\"@jane_doe\","
        + "\"url\":\"https://social.example/p/1?ref=jane@example.com\"}", TopologyFixture.T0);

    ScoredFeedback email = f.scored.readValue();
    ScoredFeedback post = f.scored.readValue();
    assertThat(email.getFeedback().getSubject()).isEqualTo("Card [card] charged twice");
    assertThat(email.getFeedback().getAttributes()).containsEntry("from", "[redacted]");
    assertThat(post.getFeedback().getAttributes()).containsEntry("author", "[redacted]")
        .containsEntry("url", "https://social.example/p/1?[query]");
  }

  private ScoredFeedback scoreChat(String text) {
    f.json("feedback.raw.chat", "c-7", "{\"messageId\":\"c-7\",\"text\":\"" + text + "\"}", TopologyFixture.T0);
    return f.scored.readValue();
  }
}
