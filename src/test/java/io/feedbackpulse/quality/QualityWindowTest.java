package io.feedbackpulse.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.feedbackpulse.avro.ClassQuality;
import io.feedbackpulse.avro.ModelQuality;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures of one window, against hand-worked numbers. */
class QualityWindowTest {
  private static final double[] ANY = {1, 0, 0};

  @Test
  void realizedFiguresAreTheHandWorkedOnesAndARetractionTakesAnItemBack() {
    QualityWindow w = new QualityWindow();
    // (truth, predicted): (neg, neg) x2, (pos, neg), (pos, pos), (neu, pos)
    w.apply(labelled(-1, -1));
    w.apply(labelled(-1, -1));
    w.apply(labelled(1, -1));
    w.apply(labelled(1, 1));
    w.apply(labelled(0, 1));
    // accuracy 3/5; negative P 2/3 R 1 F1 0.8; neutral F1 0; positive P 1/2 R 1/2 F1 0.5; macro 1.3/3
    assertThat(w.labelled()).isEqualTo(5);
    assertThat(w.accuracy()).isCloseTo(0.6, within(1e-12));
    assertThat(w.macroF1()).isCloseTo(1.3 / 3, within(1e-12));
    ModelQuality q = w.toRecord("chat", "sha256:x", "v1", 0, 86_400_000, null);
    assertThat(q.getConfusion()).isEqualTo(List.of(List.of(2L, 0L, 0L), List.of(0L, 0L, 1L), List.of(1L, 0L, 1L)));
    ClassQuality negative = q.getClasses().get(0);
    assertThat(negative.getPrecision()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(negative.getRecall()).isEqualTo(1.0);
    assertThat(negative.getF1()).isCloseTo(0.8, within(1e-12));
    ClassQuality neutral = q.getClasses().get(1);
    assertThat(neutral.getPrecision()).as("never predicted").isNull();
    assertThat(neutral.getRecall()).isEqualTo(0.0);
    assertThat(neutral.getSupport()).isEqualTo(1);

    // (pos, neg) taken back: accuracy 3/4; negative F1 1; positive P 1/2 R 1 F1 2/3; macro (1 + 2/3) / 3
    w.apply(change(QualityChange.Kind.RETRACTED, 1, -1, ANY));
    assertThat(w.labelled()).isEqualTo(4);
    assertThat(w.accuracy()).isCloseTo(0.75, within(1e-12));
    assertThat(w.macroF1()).isCloseTo((1 + 2 / 3.0) / 3, within(1e-12));
  }

  @Test
  void theEstimateIsTheExpectedConfusionOfTheScoredItemsProbabilities() {
    QualityWindow w = new QualityWindow();
    w.apply(change(QualityChange.Kind.SCORED, 0, 1, new double[] {0.2, 0.3, 0.5}));
    w.apply(change(QualityChange.Kind.SCORED, 0, -1, new double[] {0.6, 0.3, 0.1}));
    // expected matrix: column negative (0.6, 0.3, 0.1), column positive (0.2, 0.3, 0.5)
    // accuracy (0.6 + 0.5) / 2 = 0.55
    // negative: P 0.6 / 1.0, R 0.6 / (0.6 + 0.2) = 0.75, F1 0.9 / 1.35 = 2/3
    // positive: P 0.5 / 1.0, R 0.5 / (0.1 + 0.5), F1 (2 * 0.5 * 5/6) / (0.5 + 5/6) = 0.625; neutral 0
    assertThat(w.scored()).isEqualTo(2);
    assertThat(w.labelled()).isZero();
    assertThat(w.estimatedAccuracy()).isCloseTo(0.55, within(1e-12));
    assertThat(w.estimatedMacroF1()).isCloseTo((2 / 3.0 + 0.625) / 3, within(1e-12));
    ModelQuality q = w.toRecord("chat", "sha256:x", "v1", 0, 1, 0.7);
    assertThat(q.getAccuracy()).as("no labels yet").isNull();
    assertThat(q.getEstimatedAccuracy()).isCloseTo(0.55, within(1e-12));
    assertThat(q.getBaselineMacroF1()).isEqualTo(0.7);
  }

  private static QualityChange labelled(int truth, int predicted) {
    return change(QualityChange.Kind.LABELLED, truth, predicted, ANY);
  }

  private static QualityChange change(QualityChange.Kind kind, int truth, int predicted, double[] p) {
    return new QualityChange(kind, "chat", "sha256:x", "v1", 0, truth, predicted, p);
  }
}
