package io.feedbackpulse.bench;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two models in one process on the same texts. With labels set to what the model predicts, its
 * macro-F1 is known by construction; a model against itself scores the same.
 */
class SideBySideBenchTest {
  @Test
  void reportsEachModelsThroughputAndMacroF1OnTheSameTexts() {
    try (SentimentModel a = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()),
        InferenceOptions.DEFAULT);
        SentimentModel b = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()),
            InferenceOptions.DEFAULT)) {
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        texts.add("review " + i + (i % 2 == 0 ? " was great, love it" : " arrived broken, so sad") + " x".repeat(i % 7));
      }
      List<Sentiment> truth = a.predict(texts).stream().map(Prediction::label).toList();

      SideBySideBench.Result r = new SideBySideBench(8).run(a, b, texts, truth, 2);

      assertThat(r.records()).isEqualTo(60);
      assertThat(r.rounds()).isEqualTo(2);
      assertThat(r.model().macroF1()).isEqualTo(r.reference().macroF1());
      assertThat(r.model().modelId()).isEqualTo(r.reference().modelId());
      assertThat(r.model().recordsPerSecond()).isPositive();
      assertThat(r.speedup()).isEqualTo(r.model().recordsPerSecond() / r.reference().recordsPerSecond());
      // right on every text: F1 1 for each class present, 0 for a class neither true nor predicted
      assertThat(r.model().macroF1()).isCloseTo(truth.stream().distinct().count() / 3.0,
          org.assertj.core.api.Assertions.within(1e-12));
    }
  }
}
