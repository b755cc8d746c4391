package io.feedbackpulse.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.Sentiment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked: five predictions. Confidences 0.95 and 0.97 (bin 14: 14/15 = 0.9333 to 1), one right,
 * one wrong: accuracy 0.5, mean confidence 0.96, gap 0.46. Confidences 0.5, 0.5, 0.55 (bin 7: 0.4667
 * to 0.5333 for the two 0.5s; bin 8: 0.5333 to 0.6 for 0.55), all right: gaps 0.5 and 0.45.
 * ECE = 2/5 * 0.46 + 2/5 * 0.5 + 1/5 * 0.45 = 0.474.
 */
class CalibrationReportTest {
  @Test
  void expectedCalibrationErrorWeighsEachBinsGapByItsShare() {
    List<Prediction> predictions = List.of(
        p(0.95, 0.03, 0.02), p(0.97, 0.02, 0.01), p(0.25, 0.5, 0.25), p(0.5, 0.3, 0.2), p(0.2, 0.25, 0.55));
    List<Sentiment> truth = List.of(Sentiment.NEGATIVE, Sentiment.POSITIVE, Sentiment.NEUTRAL, Sentiment.NEGATIVE,
        Sentiment.POSITIVE);
    CalibrationReport r = CalibrationReport.of(truth, predictions);

    assertThat(r.expectedCalibrationError()).isCloseTo(0.474, within(1e-9));
    assertThat(r.meanConfidence()).isCloseTo((0.95 + 0.97 + 0.5 + 0.5 + 0.55) / 5, within(1e-12));
    // -ln of the true class's probability: 0.95, 0.01, 0.5, 0.5, 0.55
    assertThat(r.negativeLogLikelihood()).isCloseTo(
        -(Math.log(0.95) + Math.log(0.01) + 2 * Math.log(0.5) + Math.log(0.55)) / 5, within(1e-12));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> table = (List<Map<String, Object>>) r.toMap().get("reliability");
    assertThat(table).extracting(row -> row.get("n")).containsExactly(2L, 1L, 2L);
    assertThat(table.get(2)).containsEntry("accuracy", 0.5).containsEntry("mean_confidence", 0.96)
        .containsEntry("from", 0.9333).containsEntry("to", 1.0);
    assertThat(r.toText()).contains("ECE=0.4740").contains("0.933-1.000        2     0.9600    0.5000  -0.4600");
  }

  @Test
  void aPerfectlyCalibratedSetHasNoError() {
    // four at 0.75, three right: accuracy equals confidence in the one bin
    List<Prediction> predictions = List.of(p(0.75, 0.125, 0.125), p(0.75, 0.125, 0.125), p(0.75, 0.125, 0.125),
        p(0.75, 0.125, 0.125));
    CalibrationReport r = CalibrationReport.of(List.of(Sentiment.NEGATIVE, Sentiment.NEGATIVE, Sentiment.NEGATIVE,
        Sentiment.NEUTRAL), predictions);
    assertThat(r.expectedCalibrationError()).isCloseTo(0, within(1e-12));
  }

  private static Prediction p(double negative, double neutral, double positive) {
    return new Prediction(new double[] {negative, neutral, positive}, 5, 1);
  }
}
