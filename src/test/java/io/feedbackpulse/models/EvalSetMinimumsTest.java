package io.feedbackpulse.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.training.LabeledExample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvalSetMinimumsTest {
  private static final EvalSetMinimums DEFAULTS = new EvalSetMinimums(200, 20);

  @Test
  void anEmptySetIsShortOfEverything() {
    assertThat(DEFAULTS.shortfall(set(0, 0, 0))).hasValue("eval set eval.csv is too small to gate on: 0 items, "
        + "below models.gate.min-eval-items 200; 0 negative, 0 neutral, 0 positive (label -1, 0, 1), below "
        + "models.gate.min-per-class 20");
  }

  @Test
  void enoughItemsWithOneClassShortNamesThatClass() {
    assertThat(DEFAULTS.shortfall(set(100, 19, 100))).hasValue("eval set eval.csv is too small to gate on: "
        + "19 neutral (label 0), below models.gate.min-per-class 20");
  }

  @Test
  void tooFewItemsOfEveryClassNamesTheTotalOnly() {
    assertThat(DEFAULTS.shortfall(set(60, 60, 79))).hasValue("eval set eval.csv is too small to gate on: "
        + "199 items, below models.gate.min-eval-items 200");
  }

  @Test
  void exactlyTheMinimumsPass() {
    assertThat(DEFAULTS.shortfall(set(20, 20, 160))).isEmpty();
    assertThat(new EvalSetMinimums(0, 0).shortfall(set(0, 0, 0))).isEmpty();
  }

  private static EvalSet set(int negative, int neutral, int positive) {
    List<LabeledExample> examples = new ArrayList<>();
    int[] counts = {negative, neutral, positive};
    for (Sentiment s : Sentiment.values()) {
      for (int i = 0; i < counts[s.index()]; i++) {
        examples.add(new LabeledExample(s.label() + " " + i, s));
      }
    }
    return new EvalSet("eval.csv", "sha256:eval", examples);
  }
}
