package io.feedbackpulse.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {

  @Test
  void sharesAloneRoundTrip() {
    Baseline b = Baseline.fromCounts(1, 1, 2, "train split");
    Baseline read = Baseline.parse(b.toJson());
    assertThat(read.shares()).containsExactly(0.25, 0.25, 0.5);
    assertThat(read.count()).isEqualTo(4);
    assertThat(read.modelScores()).isEmpty();
    assertThat(read.referenceShares()).containsExactly(0.25, 0.25, 0.5);
  }

  @Test
  void theModelsOwnScoresRoundTripBesideTheSharesAndAreTheLabelReference() {
    List<Prediction> predictions = List.of(new Prediction(new double[] {0.1, 0.1, 0.8}, 5, 1),
        new Prediction(new double[] {0.5, 0.25, 0.25}, 5, 1));
    Baseline.ModelScores measured = Baseline.ModelScores.of(predictions, "validation split");
    assertThat(measured.shares()).containsExactly(0.5, 0.0, 0.5);
    assertThat(measured.meanConfidence()).isCloseTo(0.65, within(1e-12));
    // entropy of (0.1, 0.1, 0.8) is 0.9219 bits; of (0.5, 0.25, 0.25) 1.5 bits
    assertThat(measured.meanEntropyBits()).isCloseTo((0.921928 + 1.5) / 2, within(1e-6));

    Baseline read = Baseline.parse(Baseline.fromCounts(1, 1, 2, "train split").withModelScores(measured).toJson());
    assertThat(read.modelScores()).contains(measured);
    assertThat(read.shares()).containsExactly(0.25, 0.25, 0.5);
    assertThat(read.referenceShares()).containsExactly(0.5, 0.0, 0.5);
  }

  @Test
  void aConfidenceOutOfRangeIsAClearLoadError() {
    String json = "{\"shares\":{\"negative\":0.2,\"neutral\":0.3,\"positive\":0.5},\"count\":10,"
        + "\"model_scores\":{\"shares\":{\"negative\":0.2,\"neutral\":0.3,\"positive\":0.5},"
        + "\"mean_confidence\":1.4,\"mean_entropy_bits\":0.5,\"count\":10}}";
    assertThatThrownBy(() -> Baseline.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("model_scores needs a mean confidence in [0, 1]");
  }

  @Test
  void theTestMacroF1RoundTripsAndIsOptional() {
    Baseline b = Baseline.fromCounts(1, 1, 2, "train split");
    assertThat(Baseline.parse(b.toJson()).testMacroF1()).isEmpty();
    assertThat(Baseline.parse(b.withTestMacroF1(0.691).toJson()).testMacroF1()).hasValue(0.691);
    String json = "{\"shares\":{\"negative\":0.2,\"neutral\":0.3,\"positive\":0.5},\"count\":10,"
        + "\"test\":{\"macro_f1\":\"high\"}}";
    assertThatThrownBy(() -> Baseline.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("test.macro_f1 must be a number in [0, 1]");
  }
}
