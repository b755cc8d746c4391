package io.feedbackpulse.models;

import static io.feedbackpulse.models.Manifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.ModelEvaluation;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.models.PromotionGate.Thresholds;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionGateTest {
  private static final String SET = "sha256:eval";
  private static final Thresholds DEFAULTS = new Thresholds(0.01, 0.0, 0.0, 60);

  @Test
  void aWorseChallengerIsRefusedWithBothFigures() {
    GateVerdict v = gate(DEFAULTS).judge(champion(0.75), challenger(0.60), Optional.of(SET), Optional.empty());

    assertThat(v.passed()).isFalse();
    assertThat(v.allowsPromotion()).isFalse();
    assertThat(v.text()).isEqualTo("refused: macro-F1 0.6000 of v2 is below 0.7500 of champion v1 minus "
        + "models.gate.max-regression 0.0100 on eval.csv (n=60)");
  }

  @Test
  void aBetterChallengerPasses() {
    GateVerdict v = gate(DEFAULTS).judge(champion(0.75), challenger(0.80), Optional.of(SET), Optional.empty());

    assertThat(v.allowsPromotion()).isTrue();
    assertThat(v.forced()).isFalse();
    assertThat(v.text()).isEqualTo("passed: macro-F1 0.8000 of v2 vs 0.7500 of champion v1 on eval.csv (n=60); "
        + "no live comparison of the two: agreement not checked");
  }

  @Test
  void exactlyTheAllowedRegressionPassesAndAHairMoreIsRefused() {
    assertThat(gate(DEFAULTS).judge(champion(0.70), challenger(0.69), Optional.of(SET), Optional.empty()).passed())
        .isTrue();
    assertThat(gate(DEFAULTS).judge(champion(0.70), challenger(0.6899), Optional.of(SET), Optional.empty())
        .passed()).isFalse();
  }

  @Test
  void forceOverridesARefusalAndSaysWhatItOverrode() {
    GateVerdict v = gate(DEFAULTS).judge(champion(0.75), challenger(0.60), Optional.of(SET), Optional.empty())
        .overriddenByForce();

    assertThat(v.allowsPromotion()).isTrue();
    assertThat(v.forced()).isTrue();
    assertThat(v.text()).startsWith("forced past the gate, which refused: macro-F1 0.6000 of v2 is below 0.7500");
  }

  @Test
  void figuresOnDifferentSetsAreNotCompared() {
    ModelManifest other = GateEvaluations.withEvaluation(manifest("v1", ModelStage.champion),
        evaluation("sha256:other", 0.5));

    GateVerdict v = gate(DEFAULTS).judge(Optional.of(other), challenger(0.80), Optional.empty(), Optional.empty());

    assertThat(v.passed()).isFalse();
    assertThat(v.text()).contains("no figures of both v2 and champion v1 on one evaluation set");
  }

  @Test
  void recordedFiguresOnFewerItemsThanTheMinimumAreNotCompared() {
    Thresholds more = new Thresholds(0.01, 0.0, 0.0, 200);

    GateVerdict v = gate(more).judge(champion(0.75), challenger(0.80), Optional.empty(), Optional.empty());

    assertThat(v.passed()).isFalse();
    assertThat(v.text()).isEqualTo("refused: the figures of v2 and champion v1 on eval.csv (n=60) count fewer items "
        + "than models.gate.min-eval-items 200 (give --eval FILE with enough)");
  }

  @Test
  void withoutEvalTheNewestCommonSetIsCompared() {
    GateVerdict v = gate(DEFAULTS).judge(champion(0.75), challenger(0.60), Optional.empty(), Optional.empty());
    assertThat(v.text()).contains("0.6000 of v2 is below 0.7500");
  }

  @Test
  void theFirstChampionIsOnlyHeldAgainstTheMinimum() {
    Thresholds minimum = new Thresholds(0.01, 0.65, 0.0, 60);

    assertThat(gate(DEFAULTS).judge(Optional.empty(), manifest("v2", ModelStage.candidate), Optional.empty(),
        Optional.empty()).text()).isEqualTo("passed: no champion to compare v2 with");
    assertThat(gate(minimum).judge(Optional.empty(), challenger(0.60), Optional.of(SET), Optional.empty()).text())
        .isEqualTo("refused: macro-F1 0.6000 of v2 is below models.gate.min-macro-f1 0.6500");
    assertThat(gate(minimum).judge(Optional.empty(), challenger(0.70), Optional.of(SET), Optional.empty())
        .passed()).isTrue();
    assertThat(gate(minimum).judge(Optional.empty(), manifest("v2", ModelStage.candidate), Optional.empty(),
        Optional.empty()).text()).contains("no figures of v2 to hold against models.gate.min-macro-f1");
  }

  @Test
  void liveAgreementBelowTheMinimumRefuses() {
    Thresholds agreement = new Thresholds(0.01, 0.0, 0.8, 60);

    GateVerdict low = gate(agreement).judge(champion(0.75), challenger(0.80), Optional.of(SET),
        Optional.of(new LiveAgreement(500, 0.7, 5)));
    GateVerdict high = gate(agreement).judge(champion(0.75), challenger(0.80), Optional.of(SET),
        Optional.of(new LiveAgreement(500, 0.9, 5)));
    GateVerdict none = gate(agreement).judge(champion(0.75), challenger(0.80), Optional.of(SET), Optional.empty());

    assertThat(low.text()).isEqualTo("refused: live agreement 0.7000 over 500 items is below "
        + "models.gate.min-agreement 0.8000");
    assertThat(high.text()).endsWith("; live agreement 0.9000 over 500 items");
    assertThat(none.passed()).isTrue();
    assertThat(none.text()).endsWith("no live comparison of the two: agreement not checked");
  }

  private static PromotionGate gate(Thresholds t) {
    return new PromotionGate(t);
  }

  private static Optional<ModelManifest> champion(double macroF1) {
    return Optional.of(GateEvaluations.withEvaluation(manifest("v1", ModelStage.champion),
        evaluation(SET, macroF1)));
  }

  private static ModelManifest challenger(double macroF1) {
    return GateEvaluations.withEvaluation(manifest("v2", ModelStage.challenger), evaluation(SET, macroF1));
  }

  static ModelEvaluation evaluation(String set, double macroF1) {
    return ModelEvaluation.newBuilder().setEvalSetHash(set).setEvalSetName("eval.csv").setN(60)
        .setAccuracy(macroF1).setMacroF1(macroF1).setF1Negative(macroF1).setF1Neutral(macroF1)
        .setF1Positive(macroF1).setEvaluatedAt(Instant.EPOCH).build();
  }
}
