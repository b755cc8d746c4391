package io.feedbackpulse.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.feedbackpulse.inference.Calibration;
import io.feedbackpulse.inference.LabelMapping;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.TextLogits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked: eight texts with the same logits (4, 0, 0) for negative, neutral, positive, six of
 * them truly negative, one neutral, one positive. The likelihood is best when the negative
 * probability e^(4/T) / (e^(4/T) + 2) equals the share 6/8 = 0.75, so e^(4/T) = 6 and T = 4 / ln 6
 * = 2.23244. At T = 1: p(negative) = e^4 / (e^4 + 2) = 0.964663, p(other) = 0.017668, so the mean
 * NLL is -(6 ln 0.964663 + 2 ln 0.017668) / 8 = 1.035976; at the optimum -(6 ln 0.75 + 2 ln 0.125)
 * / 8 = 0.735622.
 */
class TemperatureFitTest {
  private static final LabelMapping LABELS = LabelMapping.from(
      Map.of(0, "negative", 1, "neutral", 2, "positive"), Map.of());

  @Test
  void fitsTheTemperatureWhoseConfidenceEqualsTheAccuracy() {
    List<TextLogits> logits = new ArrayList<>();
    List<Sentiment> truth = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      logits.add(new TextLogits(List.of(new double[] {4, 0, 0}), new int[] {5}, 5, false, LABELS));
      truth.add(i < 6 ? Sentiment.NEGATIVE : i == 6 ? Sentiment.NEUTRAL : Sentiment.POSITIVE);
    }
    Calibration c = TemperatureFit.fit(logits, truth, "hand-worked");
    assertThat(c.temperature()).isCloseTo(4 / Math.log(6), within(1e-4));
    assertThat(c.temperature()).isCloseTo(2.23244, within(1e-4));
    assertThat(c.nllBefore()).isCloseTo(1.035976, within(1e-6));
    assertThat(c.nllAfter()).isCloseTo(0.735622, within(1e-6));
    assertThat(c.count()).isEqualTo(8);
    assertThat(logits.get(0).prediction(c).probability(Sentiment.NEGATIVE)).isCloseTo(0.75, within(1e-5));
  }

  @Test
  void anOverlyCautiousModelGetsATemperatureBelowOne() {
    // logits (1, 0, 0), always right: the likelihood keeps rising as T falls, to the search's floor
    List<TextLogits> logits = List.of(new TextLogits(List.of(new double[] {1, 0, 0}), new int[] {3}, 3, false, LABELS));
    Calibration c = TemperatureFit.fit(logits, List.of(Sentiment.NEGATIVE), "hand-worked");
    assertThat(c.temperature()).isCloseTo(TemperatureFit.MIN_TEMPERATURE, within(1e-4));
  }

  @Test
  void aTextOfSeveralWindowsIsScoredAsTheServiceScoresIt() {
    // windows weighing 3 and 1 tokens; at T = 2: softmax(1, 0, 0) = (0.576117, 0.211942, 0.211942) and
    // softmax(0, 2, 0) = (0.106507, 0.786986, 0.106507); the average weighted 3:1 has negative
    // 0.75 * 0.576117 + 0.25 * 0.106507 = 0.458714
    TextLogits t = new TextLogits(List.of(new double[] {2, 0, 0}, new double[] {0, 4, 0}), new int[] {3, 1}, 4,
        false, LABELS);
    double nll = TemperatureFit.nll(List.of(t), List.of(Sentiment.NEGATIVE), 2.0);
    assertThat(nll).isCloseTo(-Math.log(0.458714), within(1e-5));
  }
}
