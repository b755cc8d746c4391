package io.feedbackpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.models.EvalSet;
import io.feedbackpulse.models.EvalSetMinimums;
import io.feedbackpulse.models.GateEvaluations;
import io.feedbackpulse.models.ManifestDraft;
import io.feedbackpulse.models.ModelFetcher;
import io.feedbackpulse.models.PromotionGate;
import io.feedbackpulse.testing.ModelVersions;
import io.feedbackpulse.training.LabeledExample;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluate step with tiny-roberta as champion v1 and copies of it as candidates: v3 gives the same labels,
 * v2 rotates them (it disagrees with v1 on every text). Each set is labelled with one model's own predictions, so
 * that model scores macro-F1 1.0 on it and the other 0.0, by construction.
 */
class CandidateEvaluationTest {
  private static final List<String> TEXTS = List.of("The zip broke on the first day",
      "I love this dress, it fits perfectly", "It is a shirt", "Terrible customer service, never again",
      "Arrived on time", "The colour is lovely and the fabric is soft", "Way too small and the seams came apart",
      "Okay for the price", "Absolutely gorgeous, bought two", "Refund took six weeks");
  private static final PromotionGate.Thresholds GATE = new PromotionGate.Thresholds(0.01, 0.0, 0.0, 200);

  @TempDir
  Path dir;

  private ModelManifest v1;
  private ModelManifest v2;
  private ModelManifest v3;
  private GateEvaluations evaluations;

  @BeforeEach
  void models() {
    ModelVersions versions = new ModelVersions(dir.resolve("models"));
    v1 = ModelManifest.newBuilder(draft(versions.sameLabels("v1"), "v1")).setStage(ModelStage.champion).build();
    v2 = draft(versions.rotatedLabels("v2"), "v2");
    v3 = draft(versions.sameLabels("v3"), "v3");
    evaluations = new GateEvaluations(new ModelFetcher(dir.resolve("cache"), Duration.ofMinutes(1)),
        InferenceOptions.DEFAULT, Clock.systemUTC());
  }

  @Test
  void aCandidateAsGoodAsTheChampionPassesWithBothFiguresAndTheirEce() {
    CandidateEvaluation.Result result = new CandidateEvaluation(evaluations, GATE, new EvalSetMinimums(200, 20))
        .evaluate(v3, Optional.of(v1), labelledBy(v1, "held-out"), List.of());

    assertThat(result.verdict().passed()).as(result.verdict().text()).isTrue();
    assertThat(result.verdict().findings()).startsWith("held-out: macro-F1 1.0000 of v3 vs 1.0000 of champion v1");
    assertThat(result.figures()).containsEntry("held-out.n", "10").containsEntry("held-out.candidate.version", "v3")
        .containsEntry("held-out.candidate.macro_f1", "1.0000").containsEntry("held-out.champion.macro_f1", "1.0000")
        .containsKey("held-out.candidate.ece").containsKey("held-out.champion.ece");
    assertThat(result.candidate().getEvaluations()).hasSize(1);
    assertThat(result.champion().orElseThrow().getEvaluations()).hasSize(1);
  }

  @Test
  void aWorseCandidateIsRefusedOnTheHeldOutSplitThoughItIsFarBelowTheGatesMinimumItems() {
    CandidateEvaluation.Result result = new CandidateEvaluation(evaluations, GATE, new EvalSetMinimums(200, 20))
        .evaluate(v2, Optional.of(v1), labelledBy(v1, "held-out"), List.of());

    assertThat(result.verdict().passed()).isFalse();
    assertThat(result.verdict().text()).startsWith("refused: held-out: macro-F1 0.0000");
    assertThat(result.verdict().findings()).isEqualTo("held-out: macro-F1 0.0000 of v2 is below 1.0000 of champion v1 "
        + "minus models.gate.max-regression 0.0100 on held-out (n=10)");
  }

  @Test
  void aGainOnTheHeldOutSplitCannotHideALossOnAnEvaluationSet() {
    // the gate's minimums lowered to 0, as models.gate.min-eval-items=0 and min-per-class=0 would
    CandidateEvaluation.Result result = new CandidateEvaluation(evaluations,
        new PromotionGate.Thresholds(0.01, 0.0, 0.0, 0), new EvalSetMinimums(0, 0))
        .evaluate(v2, Optional.of(v1), labelledBy(v2, "held-out"), List.of(labelledBy(v1, "fixed.csv")));

    assertThat(result.verdict().passed()).isFalse();
    assertThat(result.verdict().findings()).startsWith("fixed.csv: macro-F1 0.0000 of v2 is below 1.0000 of champion v1")
        .doesNotContain("held-out:");
    assertThat(result.figures()).containsEntry("held-out.candidate.macro_f1", "1.0000")
        .containsEntry("fixed.csv.candidate.macro_f1", "0.0000");
  }

  @Test
  void anEvaluationSetBelowTheGatesMinimumsRefusesWithoutMeasuring() {
    CandidateEvaluation.Result result = new CandidateEvaluation(evaluations, GATE, new EvalSetMinimums(200, 20))
        .evaluate(v3, Optional.of(v1), labelledBy(v1, "held-out"), List.of(labelledBy(v1, "fixed.csv")));

    assertThat(result.verdict().passed()).isFalse();
    assertThat(result.verdict().findings()).startsWith("eval set fixed.csv is too small to gate on: 10 items, below "
        + "models.gate.min-eval-items 200");
    assertThat(result.figures()).doesNotContainKey("fixed.csv.n");
  }

  @Test
  void theFirstChampionIsOnlyHeldAgainstTheMinimumMacroF1() {
    CandidateEvaluation.Result result = new CandidateEvaluation(evaluations, GATE, new EvalSetMinimums(200, 20))
        .evaluate(v2, Optional.empty(), labelledBy(v1, "held-out"), List.of());

    assertThat(result.verdict().passed()).isTrue();
    assertThat(result.verdict().findings()).isEqualTo("held-out: no champion to compare v2 with");
    assertThat(result.figures()).doesNotContainKey("held-out.champion.version");
  }

  private static ModelManifest draft(Path modelDir, String version) {
    return ManifestDraft.of(ModelSource.of(modelDir.toString()), Optional.of(version),
        modelDir.toAbsolutePath().toString(), Optional.empty(), Optional.empty());
  }

  /** The texts labelled with this model's own predictions. */
  private static EvalSet labelledBy(ModelManifest m, String name) {
    try (SentimentModel model = SentimentModel.load(ModelSource.of(m.getLocation()), InferenceOptions.DEFAULT)) {
      List<LabeledExample> examples = TEXTS.stream()
          .map(t -> new LabeledExample(t, model.predict(t).label(), name, "test")).toList();
      return new EvalSet(name, "sha256:" + name + "-" + m.getVersion(), examples);
    }
  }
}
