package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.App;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code score --explain} with the tiny model: the same explanation alerts carry, masked, for any text. */
class ScoreExplainTest {
  private static final String TEXT = "terrible quality, returned it. Mail me at jane@example.com please. "
      + "Nobody answers my emails about the refund.";

  @Test
  void jsonCarriesTheTopSentencesWithTheModelsFiguresAndMasksPersonalData() throws Exception {
    String out = run("score", "--explain", "--json", "--model", TINY_ROBERTA.toString(), TEXT);

    JsonNode row = new ObjectMapper().readTree(out.strip());
    JsonNode e = row.get("explanation");
    assertThat(e.get("sentenceCount").asInt()).isEqualTo(3);
    assertThat(e.get("sentences")).hasSize(3);
    assertThat(e.get("sentenceOcclusion").asBoolean()).isTrue();
    assertThat(e.get("wordOcclusion").asBoolean()).isTrue();
    assertThat(e.toString()).doesNotContain("jane@example.com").contains("[email]");
    try (SentimentModel model = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()), InferenceOptions.DEFAULT)) {
      for (JsonNode s : e.get("sentences")) {
        String original = s.get("text").asText().replace("[email]", "jane@example.com");
        assertThat(s.get("negativeAlone").asDouble()).as(original)
            .isCloseTo(model.predict(original).probability(Sentiment.NEGATIVE), within(1e-6));
      }
    }
  }

  @Test
  void textFormPrintsEachTopSentenceUnderItsScore() {
    String out = run("score", "--explain", "--model", TINY_ROBERTA.toString(), TEXT);
    assertThat(out.lines().filter(l -> l.startsWith("    sentence ")).count()).isEqualTo(3);
    assertThat(out).contains("Nobody answers my emails about the refund.");
  }

  private static String run(String... args) {
    CommandLine cli = App.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    assertThat(cli.execute(args)).isZero();
    return out.toString();
  }
}
