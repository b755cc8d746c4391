package io.feedbackpulse.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.feedbackpulse.inference.Sentiment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked: source a has 4 texts (2 negative, 1 neutral, 1 positive), source b 16 (8 negative,
 * 8 positive). Totals grow with the square root of size, 2 : 4, split equally over the classes
 * present: a's negatives 2 / 3 / 2 = 1/3 each, a's neutral and positive 2/3, b's texts 4 / 2 / 8 =
 * 1/4. They add up to 6 over 20 texts, so each is scaled by 20 / 6: 10/9, 20/9, 20/9 and 5/6.
 */
class SourceBalanceTest {
  @Test
  void sourcesWeighByTheSquareRootOfTheirSizeAndClassesEquallyWithinThem() {
    List<LabeledExample> train = new ArrayList<>();
    add(train, "a", Sentiment.NEGATIVE, 2);
    add(train, "a", Sentiment.NEUTRAL, 1);
    add(train, "a", Sentiment.POSITIVE, 1);
    add(train, "b", Sentiment.NEGATIVE, 8);
    add(train, "b", Sentiment.POSITIVE, 8);

    double[] w = SourceBalance.weights(train);

    assertThat(w[0]).isCloseTo(10 / 9.0, within(1e-12));
    assertThat(w[1]).isCloseTo(10 / 9.0, within(1e-12));
    assertThat(w[2]).isCloseTo(20 / 9.0, within(1e-12));
    assertThat(w[3]).isCloseTo(20 / 9.0, within(1e-12));
    for (int i = 4; i < 20; i++) {
      assertThat(w[i]).isCloseTo(5 / 6.0, within(1e-12));
    }
    assertThat(SourceBalance.groups(train).subList(2, 6)).containsExactly(0, 0, 1, 1);
  }

  @Test
  void oneSourceGetsTheClassWeightsOfASingleFile() {
    // n / (3 n_c): 6 texts, 3 negative, 2 neutral, 1 positive -> 2/3, 1, 2
    List<LabeledExample> train = new ArrayList<>();
    add(train, "r", Sentiment.NEGATIVE, 3);
    add(train, "r", Sentiment.NEUTRAL, 2);
    add(train, "r", Sentiment.POSITIVE, 1);
    assertThat(SourceBalance.weights(train)).containsExactly(new double[] {2 / 3.0, 2 / 3.0, 2 / 3.0, 1, 1, 2},
        within(1e-12));
  }

  private static void add(List<LabeledExample> out, String source, Sentiment label, int n) {
    for (int i = 0; i < n; i++) {
      out.add(new LabeledExample(source + label + i, label, source, source));
    }
  }
}
