package io.feedbackpulse.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.feedbackpulse.onnx.OnnxInitializers;
import io.feedbackpulse.onnx.SafeTensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped default model: bge-small-en-v1.5 from its Maven jar, its top layers replaced by the
 * committed fine-tuned weights, with the committed head.
 */
class DefaultModelTest {
  private static SentimentModel model;

  @BeforeAll
  static void load() {
    model = SentimentModel.load(ModelSource.of("classpath:/models/default"), InferenceOptions.DEFAULT);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void isABertEncoderFedAllThreeInputs() {
    assertThat(model.inputNames()).containsExactlyInAnyOrder("input_ids", "attention_mask", "token_type_ids");
    assertThat(model.maxLength()).isEqualTo(128);
    assertThat(model.lineage().version()).isNotBlank();
  }

  @Test
  void carriesItsFineTunedLayersOnTopOfTheDependencysEncoder() {
    ModelConfig config = ModelConfig.parse(ModelSource.of("classpath:/models/default").read("config.json"));
    assertThat(config.modelFile()).isEqualTo("classpath:/bge-small-en-v1.5.onnx");
    assertThat(config.encoderWeightsFile()).contains("encoder-weights.safetensors");
    java.util.Map<String, SafeTensors.Tensor> weights = SafeTensors.read(
        ModelSource.of("classpath:/models/default").read("encoder-weights.safetensors"), "encoder-weights.safetensors");
    // four BERT layers: 6 dense weights, 6 biases and 2 LayerNorms (weight and bias) each
    assertThat(weights).hasSize(4 * 16);
    assertThat(OnnxInitializers.read(ModelSource.of("classpath:/").file(config.modelFile())))
        .containsKeys(weights.keySet().toArray(String[]::new));
  }

  @Test
  void readsClearFeedbackTheWayACustomerMeantIt() {
    assertThat(model.predict("The zipper broke the first day and support never answered").label())
        .isEqualTo(Sentiment.NEGATIVE);
    assertThat(model.predict("Fits perfectly, love the colour").label()).isEqualTo(Sentiment.POSITIVE);
  }

  @Test
  void aTextsProbabilitiesDoNotDependOnItsBatch() {
    List<String> texts = List.of("ok", "Fits perfectly, love the colour",
        "The zipper broke the first day and support never answered. I wrote three times and nobody replied, "
            + "so I will return the dress and not order again.", "Runs small.", "meh");
    List<Prediction> together = model.predict(texts);
    for (int i = 0; i < texts.size(); i++) {
      Prediction alone = model.predict(texts.get(i));
      for (Sentiment s : Sentiment.values()) {
        assertThat(together.get(i).probability(s)).as(texts.get(i)).isCloseTo(alone.probability(s), within(1e-5));
      }
    }
  }

  @Test
  void aLongEmailIsScoredOverSeveralWindows() {
    List<String> sentences = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      sentences.add("The dress arrived late and the fabric feels cheap, sadly.");
    }
    Prediction p = model.predict(String.join(" ", sentences));
    assertThat(p.tokenCount()).isGreaterThan(model.maxLength());
    assertThat(p.chunkCount()).isGreaterThan(1);
  }

  @Test
  void shipsTheTrainingLabelSharesAndItsOwnScoresAsTheDriftBaseline() {
    Baseline b = model.baseline().orElseThrow();
    assertThat(b.negative() + b.neutral() + b.positive()).isCloseTo(1, within(1e-9));
    assertThat(b.positive()).isGreaterThan(b.negative());
    Baseline.ModelScores scores = b.modelScores().orElseThrow();
    assertThat(scores.count()).isPositive();
    assertThat(scores.meanConfidence()).isBetween(0.5, 1.0);
    assertThat(b.referenceShares()).containsExactly(scores.shares());
  }
}
