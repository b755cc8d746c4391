package io.feedbackpulse.inference;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model contract on a genuine (tiny, random) RoBERTa export: inputs, labels, window, chunks, batches. */
class SentimentModelRobertaTest {

  private static SentimentModel model;
  private static JsonNode cases;

  @BeforeAll
  static void load() throws Exception {
    model = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()), InferenceOptions.DEFAULT);
    cases = new ObjectMapper().readTree(TINY_ROBERTA.resolve("expected.json").toFile()).get("cases");
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void feedsExactlyTheInputsRobertaDeclares() {
    assertThat(model.inputNames()).containsExactlyInAnyOrder("input_ids", "attention_mask");
  }

  @Test
  void windowIsTheModelsPositionsLessRobertasOffset() {
    assertThat(model.maxLength()).isEqualTo(64);
  }

  @Test
  void mapsClassIndicesThroughId2labelInTheModelsOrder() {
    // id2label: 0 positive, 1 negative, 2 neutral
    for (JsonNode c : cases) {
      if (c.get("ids").size() > 64) {
        continue;
      }
      double[] torch = Softmax.of(doubles(c.get("logits")));
      Prediction p = model.predict(c.get("text").asText());
      assertThat(p.probability(Sentiment.POSITIVE)).isCloseTo(torch[0], within(1e-4));
      assertThat(p.probability(Sentiment.NEGATIVE)).isCloseTo(torch[1], within(1e-4));
      assertThat(p.probability(Sentiment.NEUTRAL)).isCloseTo(torch[2], within(1e-4));
      assertThat(p.tokenCount()).isEqualTo(c.get("ids").size() - 2);
      assertThat(p.chunkCount()).isEqualTo(1);
    }
  }

  @Test
  void scoresATextLongerThanTheWindowOverOverlappingChunks() {
    JsonNode longCase = longest();
    String text = longCase.get("text").asText();
    Prediction chunked = model.predict(text);
    assertThat(chunked.tokenCount()).isEqualTo(longCase.get("ids").size() - 2);
    assertThat(chunked.chunkCount()).isGreaterThan(1);
    assertThat(chunked.truncated()).as("chunks cover the whole text").isFalse();

    double[] firstWindowOnly = Softmax.of(doubles(longCase.get("logits")));
    double firstPositive = firstWindowOnly[0];
    assertThat(chunked.probability(Sentiment.POSITIVE)).isNotCloseTo(firstPositive, within(1e-6));

    try (SentimentModel truncating = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()),
        InferenceOptions.DEFAULT.withLongText(new LongTextPolicy(false, 0)))) {
      Prediction cut = truncating.predict(text);
      assertThat(cut.chunkCount()).isEqualTo(1);
      assertThat(cut.truncated()).isTrue();
      assertThat(cut.probability(Sentiment.POSITIVE)).isCloseTo(firstPositive, within(1e-4));
      assertThat(truncating.cost(text)).as("one window's tokens").isEqualTo(truncating.maxLength());
    }
    try (SentimentModel oneWindowMost = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()),
        InferenceOptions.DEFAULT.withLongText(new LongTextPolicy(true, 32, 1)))) {
      Prediction cut = oneWindowMost.predict(text);
      assertThat(cut.chunkCount()).isEqualTo(1);
      assertThat(cut.truncated()).isTrue();
      assertThat(cut.probability(Sentiment.POSITIVE)).isCloseTo(firstPositive, within(1e-4));
    }
    assertThat(model.cost(text)).as("the tokens of all its windows").isGreaterThan(model.maxLength());
  }

  @Test
  void aTextsResultDoesNotDependOnItsBatch() {
    List<String> texts = new ArrayList<>();
    cases.forEach(c -> texts.add(c.get("text").asText()));
    List<Prediction> together = model.predict(texts);
    for (int i = 0; i < texts.size(); i++) {
      Prediction alone = model.predict(texts.get(i));
      for (Sentiment s : Sentiment.values()) {
        assertThat(together.get(i).probability(s)).isCloseTo(alone.probability(s), within(1e-5));
      }
    }
  }

  @Test
  void lineageIsAStableContentHash() {
    try (SentimentModel again = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()), InferenceOptions.DEFAULT)) {
      assertThat(again.lineage()).isEqualTo(model.lineage());
    }
    assertThat(model.lineage().id()).matches("sha256:[0-9a-f]{16}");
  }

  private static JsonNode longest() {
    JsonNode best = cases.get(0);
    for (JsonNode c : cases) {
      if (c.get("ids").size() > best.get("ids").size()) {
        best = c;
      }
    }
    return best;
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }
}
