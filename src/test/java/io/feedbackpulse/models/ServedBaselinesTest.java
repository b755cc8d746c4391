package io.feedbackpulse.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.ChallengeMode;
import io.feedbackpulse.inference.Baseline;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.testing.ModelVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift and quality read the baselines of the models served, the champion's of the moment included. */
class ServedBaselinesTest {
  @TempDir
  Path dir;

  private SentimentModel withTestMacroF1(ModelVersions versions, String version, double macroF1) throws IOException {
    Path model = versions.sameLabels(version);
    Files.write(model.resolve(Baseline.FILE),
        new Baseline(0.2, 0.3, 0.5, 100, version).withTestMacroF1(macroF1).toJson());
    return ModelVersions.load(model);
  }

  @Test
  void theChampionFollowsEachSwapAndEveryServedModelKeepsItsTestFigure() throws IOException {
    ModelVersions versions = new ModelVersions(dir);
    SentimentModel v1 = withTestMacroF1(versions, "v1", 0.70);
    SentimentModel v2 = withTestMacroF1(versions, "v2", 0.80);
    SentimentModel plain = ModelVersions.load(versions.sameLabels("v3"));
    try (ServingModels serving = new ServingModels(v1)) {
      ServedBaselines baselines = ServedBaselines.following(serving);
      String v1Id = v1.lineage().id();
      String v2Id = v2.lineage().id();
      assertThat(baselines.champion().modelId()).isEqualTo(v1Id);
      assertThat(baselines.testMacroF1(v1Id)).isEqualTo(OptionalDouble.of(0.70));
      assertThat(baselines.testMacroF1(v2Id)).as("not served yet").isEmpty();

      serving.serve(new ModelAssignment(v1, Optional.of(new ModelAssignment.Challenger(v2, ChallengeMode.shadow, 1))));
      assertThat(baselines.champion().modelId()).as("a challenger is not the champion").isEqualTo(v1Id);
      assertThat(baselines.testMacroF1(v2Id)).isEqualTo(OptionalDouble.of(0.80));

      serving.serve(ModelAssignment.championOnly(v2));
      assertThat(baselines.champion().modelId()).isEqualTo(v2Id);
      assertThat(baselines.champion().baseline()).map(Baseline::source).contains("v2");
      assertThat(baselines.testMacroF1(v1Id)).as("its labelled windows are still measured").isEqualTo(
          OptionalDouble.of(0.70));

      serving.serve(ModelAssignment.championOnly(plain));
      assertThat(baselines.champion().baseline()).as("a model without baseline.json").isEmpty();
      assertThat(baselines.testMacroF1(plain.lineage().id())).isEmpty();
    }
  }
}
