package io.feedbackpulse.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.alert.PiiRedactor;
import io.feedbackpulse.avro.Explanation;
import io.feedbackpulse.avro.SentenceScore;
import io.feedbackpulse.avro.WordScore;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplanationRecordsTest {
  private final ExplanationRecords records = new ExplanationRecords(new PiiRedactor()::redact, 2, 3);

  @Test
  void theTopSentencesAndWordsGoOutMaskedAndRanked() {
    String text = "Hello. Call me on 030 1234 5678 or mail jane@example.com now. It broke.";
    TextExplanation e = new TextExplanation(0.9, List.of(
        new TextExplanation.Sentence(0, "Hello.", 0.10, -0.05),
        new TextExplanation.Sentence(1, "Call me on 030 1234 5678 or mail jane@example.com now.", 0.60, 0.20),
        new TextExplanation.Sentence(2, "It broke.", 0.80, 0.30)),
        List.of(new TextExplanation.Word("broke", 0.30), new TextExplanation.Word("1234", 0.25),
            new TextExplanation.Word("jane@example.com", 0.20), new TextExplanation.Word("Broke", 0.35),
            new TextExplanation.Word("Hello", -0.10), new TextExplanation.Word("now", 0.01)),
        14, true, true, 321);

    Explanation out = records.of(text, e);

    // ranks: (0.80 + 0.30) / 2 = 0.55, (0.60 + 0.20) / 2 = 0.40, (0.10 - 0.05) / 2 = 0.025
    assertThat(out.getSentences()).extracting(SentenceScore::getIndex).containsExactly(2, 1);
    assertThat(out.getSentences().get(1).getText()).isEqualTo("Call me on [phone] or mail [email] now.");
    assertThat(out.getSentences().get(0).getRemovalDrop()).isEqualTo(0.30);
    // "broke" twice: its larger drop; digits the masker hides in context are masked alone too
    assertThat(out.getWords()).extracting(WordScore::getWord).containsExactly("Broke", "[masked]", "[masked]");
    assertThat(out.getWords()).extracting(WordScore::getRemovalDrop).containsExactly(0.35, 0.25, 0.20);
    assertThat(out.getSentenceCount()).isEqualTo(3);
    assertThat(out.getWordCount()).isEqualTo(14);
    assertThat(out.getModelTokens()).isEqualTo(321);
  }

  @Test
  void withoutOcclusionTheDropIsNull() {
    TextExplanation e = new TextExplanation(0.7, List.of(new TextExplanation.Sentence(0, "Bad.", 0.7, Double.NaN)),
        List.of(), 1, false, false, 5);
    assertThat(records.of("Bad.", e).getSentences().get(0).getRemovalDrop()).isNull();
  }
}
