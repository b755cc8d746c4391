package io.feedbackpulse.models;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.ModelEvaluation;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelLineage;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.training.ClassificationReport;
import io.feedbackpulse.training.Evaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateEvaluationsTest {
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  @TempDir Path dir;

  @Test
  void measuresAsEvaluateDoesAndRecordsTheSetsHash() throws Exception {
    Path csv = Files.writeString(dir.resolve("eval.csv"), "text,label\n\"The zip broke on the first day\",negative\n"
        + "\"I love this dress\",positive\n\"It is a shirt\",neutral\n\"Refund took six weeks\",negative\n");
    EvalSet set = EvalSet.read(csv);
    ModelManifest tiny = Manifests.manifest("v1", tinyId(), TINY_ROBERTA.toString(), ModelStage.candidate);

    ModelEvaluation e = evaluations().evaluate(tiny, set);

    ClassificationReport expected;
    try (SentimentModel model = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()),
        InferenceOptions.DEFAULT)) {
      expected = new Evaluation(model).evaluate(set.examples()).classification();
    }
    assertThat(set.hash()).startsWith("sha256:").hasSize("sha256:".length() + 64);
    assertThat(e.getEvalSetHash()).isEqualTo(set.hash());
    assertThat(e.getEvalSetName()).isEqualTo("eval.csv");
    assertThat(e.getN()).isEqualTo(4);
    assertThat(e.getMacroF1()).isEqualTo(expected.macroF1());
    assertThat(e.getF1Negative()).isEqualTo(expected.f1(Sentiment.NEGATIVE));
    assertThat(e.getEvaluatedAt()).isEqualTo(NOW);
  }

  @Test
  void aVersionWithFiguresOnTheSetIsNotMeasuredAgain() throws Exception {
    EvalSet set = EvalSet.read(Files.writeString(dir.resolve("eval.csv"), "text,label\n\"Fine\",neutral\n"));
    ModelManifest measured = GateEvaluations.withEvaluation(
        Manifests.manifest("v1", "sha256:0000000000000000", "/gone", ModelStage.champion), onRows(set, 1));
    ModelManifest fresh = Manifests.manifest("v2", tinyId(), TINY_ROBERTA.toString(), ModelStage.candidate);

    List<ModelManifest> updated = evaluations().missingFigures(List.of(measured, fresh), set);

    assertThat(updated).extracting(ModelManifest::getVersion).containsExactly("v2");
    assertThat(updated.get(0).getEvaluations()).hasSize(1);
  }

  @Test
  void figuresRecordedOnTheSetsHashForAnotherCountOfRowsAreAConflict() throws Exception {
    EvalSet set = EvalSet.read(Files.writeString(dir.resolve("eval.csv"), "text,label\n\"Fine\",neutral\n"));
    ModelManifest measured = GateEvaluations.withEvaluation(
        Manifests.manifest("v1", "sha256:0000000000000000", "/gone", ModelStage.champion), onRows(set, 60));

    assertThatThrownBy(() -> evaluations().missingFigures(List.of(measured), set))
        .isInstanceOf(ConflictingFiguresException.class)
        .hasMessageStartingWith("the registry holds other figures of v1 on eval set eval.csv (" + set.hash()
            + "): n=60, macro-F1 0.5000, recorded at 1970-01-01T00:00:00Z, against n=1 now");
  }

  @Test
  void figuresOnAnotherSetAreKeptBesideAndTheSameFiguresAgainAreNoChange() {
    ModelManifest v1 = Manifests.manifest("v1", ModelStage.champion);
    ModelEvaluation first = PromotionGateTest.evaluation("sha256:first", 0.75);
    ModelEvaluation empty = PromotionGateTest.evaluation("sha256:empty", 0.0);

    ModelManifest both = GateEvaluations.withEvaluation(GateEvaluations.withEvaluation(v1, first), empty);
    ModelManifest again = GateEvaluations.withEvaluation(both,
        ModelEvaluation.newBuilder(first).setEvalSetName("renamed.csv").setEvaluatedAt(NOW).build());

    assertThat(both.getEvaluations()).containsExactly(first, empty);
    assertThat(again).isEqualTo(both);
  }

  @Test
  void otherFiguresOnTheSameSetAreAConflictNotAReplacement() {
    ModelManifest v1 = GateEvaluations.withEvaluation(Manifests.manifest("v1", ModelStage.champion),
        PromotionGateTest.evaluation("sha256:first", 0.75));

    assertThatThrownBy(() -> GateEvaluations.withEvaluation(v1, PromotionGateTest.evaluation("sha256:first", 0.0)))
        .isInstanceOf(ConflictingFiguresException.class)
        .hasMessageContaining("n=60, macro-F1 0.7500, recorded at 1970-01-01T00:00:00Z, against n=60, macro-F1 "
            + "0.0000 now");
  }

  private static ModelEvaluation onRows(EvalSet set, int n) {
    return ModelEvaluation.newBuilder(PromotionGateTest.evaluation(set.hash(), 0.5)).setN(n).build();
  }

  private GateEvaluations evaluations() {
    return new GateEvaluations(new ModelFetcher(dir.resolve("cache"), Duration.ofSeconds(10)),
        InferenceOptions.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static String tinyId() {
    return ModelLineage.identify(ModelSource.of(TINY_ROBERTA.toString())).id();
  }
}
