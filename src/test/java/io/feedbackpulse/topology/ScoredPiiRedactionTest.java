package io.feedbackpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.streams.TopicNames;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pii.redact-scored: what feedback.scored carries as text, and that the model still sees the whole text; and that
 * every other output masks the customer's data whatever it says.
 */
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

  @ParameterizedTest(name = "pii.redact-scored={0}")
  @ValueSource(booleans = {false, true})
  void anEmailAlertedReviewedAndLabelledLeavesItsCustomersDataInClearNowhereButInFeedbackScoredAsSet(
      boolean redactScored) {
    f = new TopologyFixture(Map.of("pii.redact-scored", Boolean.toString(redactScored),
        "alerts.negative-threshold", "0.0", "review.max-confidence", "1.0"));
    String body = "Nobody answers my emails about the refund. Card 4111 1111 1111 1111 was charged twice, refund it "
        + "to IBAN DE89 3704 0044 0532 0130 00 or call me on +44 20 7946 0958, write to ann@example.com";
    f.json("feedback.raw.email", "e-1", "{\"messageId\":\"e-1\",\"body\":\"" + body + "\",\"subject\":\"Card "
        + "4111 1111 1111 1111 charged twice\",\"from\":\"Jane Doe <jane@example.com>\"}", TopologyFixture.T0);
    f.json("feedback.labels", "email:e-1", "{\"id\":\"email:e-1\",\"label\":-1,\"source\":\"agent\"}",
        TopologyFixture.T0.plusSeconds(1));

    Map<String, String> outputs = new LinkedHashMap<>();
    for (String topic : f.pipeline.topics().all()) {
      if (!topic.equals(f.pipeline.topics().labels())) {
        StringBuilder records = new StringBuilder();
        f.driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
            .readRecordsToList().forEach(r -> records.append(text(r.key())).append(' ').append(text(r.value()))
                .append('\n'));
        outputs.put(topic, records.toString());
      }
    }
    TopicNames t = f.pipeline.topics();
    assertThat(List.of(t.scored(), t.alerts(), t.review(), t.labelled(), t.cases()))
        .as("the item was scored, alerted, queued for review and labelled, and opened a case")
        .allSatisfy(topic -> assertThat(outputs.get(topic)).as(topic).contains("email:e-1"));
    String[] personalData = {"4111 1111 1111 1111", "4111111111111111", "DE89 3704 0044 0532 0130 00",
        "DE89370400440532013000", "7946 0958", "ann@example.com", "jane@example.com"};
    outputs.forEach((topic, records) -> {
      if (!topic.equals(t.scored()) || redactScored) {
        assertThat(records).as(topic).doesNotContain(personalData);
      }
    });
    if (!redactScored) {
      assertThat(outputs.get(t.scored())).as("feedback.scored keeps the text as sent")
          .contains("4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "ann@example.com", "jane@example.com");
    }
    assertThat(outputs.get(t.labelled())).contains("[card]", "[iban]", "[phone]", "[email]");
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }

  private ScoredFeedback scoreChat(String text) {
    f.json("feedback.raw.chat", "c-7", "{\"messageId\":\"c-7\",\"text\":\"" + text + "\"}", TopologyFixture.T0);
    return f.scored.readValue();
  }
}
