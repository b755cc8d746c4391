package io.feedbackpulse.inference;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * calibration.json in a model directory: the tiny RoBERTa export's probabilities become softmax of
 * PyTorch's logits divided by the temperature; without the file they stay softmax(logits).
 */
class CalibrationTest {
  @TempDir
  Path dir;

  private void copyFixture() throws IOException {
    for (String f : new String[] {"model.onnx", "tokenizer.json", "config.json"}) {
      Files.copy(TINY_ROBERTA.resolve(f), dir.resolve(f));
    }
  }

  @Test
  void probabilitiesAreTheSoftmaxOfTheLogitsOverTheTemperature() throws Exception {
    copyFixture();
    Files.writeString(dir.resolve("calibration.json"), "{\"method\":\"temperature\",\"temperature\":2.5}");
    JsonNode cases = new ObjectMapper().readTree(TINY_ROBERTA.resolve("expected.json").toFile())
        .get("cases");
    try (SentimentModel model = SentimentModel.load(ModelSource.of(dir.toString()), InferenceOptions.DEFAULT)) {
      assertThat(model.calibration().temperature()).isEqualTo(2.5);
      int checked = 0;
      for (JsonNode c : cases) {
        if (c.get("ids").size() > 64) {
          continue;
        }
        // id2label: 0 positive, 1 negative, 2 neutral
        double[] expected = softmaxOver(c.get("logits"), 2.5);
        Prediction p = model.predict(c.get("text").asText());
        assertThat(p.probability(Sentiment.POSITIVE)).as(c.get("text").asText()).isCloseTo(expected[0], within(1e-4));
        assertThat(p.probability(Sentiment.NEGATIVE)).isCloseTo(expected[1], within(1e-4));
        assertThat(p.probability(Sentiment.NEUTRAL)).isCloseTo(expected[2], within(1e-4));
        checked++;
      }
      assertThat(checked).isEqualTo(5);
    }
  }

  @Test
  void aTemperatureChangesTheModelId() throws Exception {
    copyFixture();
    String plain;
    try (SentimentModel model = SentimentModel.load(ModelSource.of(dir.toString()), InferenceOptions.DEFAULT)) {
      plain = model.lineage().id();
      assertThat(model.calibration()).isEqualTo(Calibration.NONE);
    }
    Files.writeString(dir.resolve("calibration.json"), "{\"temperature\":1.5}");
    try (SentimentModel model = SentimentModel.load(ModelSource.of(dir.toString()), InferenceOptions.DEFAULT)) {
      assertThat(model.lineage().id()).isNotEqualTo(plain).matches("sha256:[0-9a-f]{16}");
    }
  }

  @Test
  void aTemperatureThatIsNotAPositiveNumberIsRefusedAtLoad() throws Exception {
    copyFixture();
    for (String bad : new String[] {"{\"temperature\":0}", "{\"temperature\":-1}", "{\"temperature\":\"2\"}",
        "{\"method\":\"isotonic\",\"temperature\":1}", "[1]"}) {
      Files.writeString(dir.resolve("calibration.json"), bad);
      assertThatThrownBy(() -> SentimentModel.load(ModelSource.of(dir.toString()), InferenceOptions.DEFAULT))
          .as(bad).isInstanceOf(ModelLoadException.class).hasMessageContaining("calibration.json");
    }
  }

  @Test
  void writesWhatItReads() {
    Calibration c = new Calibration(1.7, "validation split of x.csv", 51, 0.9, 0.8);
    assertThat(Calibration.parse(c.toJson())).isEqualTo(c);
  }

  private static double[] softmaxOver(JsonNode logits, double t) {
    double[] e = new double[logits.size()];
    double sum = 0;
    for (int i = 0; i < e.length; i++) {
      e[i] = Math.exp(logits.get(i).asDouble() / t);
      sum += e[i];
    }
    for (int i = 0; i < e.length; i++) {
      e[i] /= sum;
    }
    return e;
  }
}
