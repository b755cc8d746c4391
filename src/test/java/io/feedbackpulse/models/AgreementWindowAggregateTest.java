package io.feedbackpulse.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Agreement and Cohen's kappa of one window, against figures worked by hand. */
class AgreementWindowAggregateTest {

  /**
   * Rows champion, columns challenger (negative, neutral, positive):
   *
   * <pre>
   *   20  5  0 | 25
   *   10 30  5 | 45
   *    0  5 25 | 30
   *   ---------
   *   30 40 30   n = 100
   * </pre>
   *
   * observed agreement po = (20 + 30 + 25) / 100 = 0.75; chance agreement pe = (25*30 + 45*40 + 30*30) / 100^2 =
   * 3450 / 10000 = 0.345; kappa = (0.75 - 0.345) / (1 - 0.345) = 0.405 / 0.655 = 0.618320...
   */
  @Test
  void kappaOfAWorkedExample() {
    AgreementWindowAggregate w = new AgreementWindowAggregate();
    add(w, -1, -1, 20);
    add(w, -1, 0, 5);
    add(w, 0, -1, 10);
    add(w, 0, 0, 30);
    add(w, 0, 1, 5);
    add(w, 1, 0, 5);
    add(w, 1, 1, 25);

    assertThat(w.n()).isEqualTo(100);
    assertThat(w.agreement()).isCloseTo(0.75, within(1e-12));
    assertThat(w.kappa()).isCloseTo(0.405 / 0.655, within(1e-12));
    assertThat(w.kappa()).isCloseTo(0.618320, within(1e-6));
  }

  @Test
  void kappaIsNullWhenBothModelsGaveOneLabelOnly() {
    AgreementWindowAggregate w = new AgreementWindowAggregate();
    add(w, 1, 1, 7);

    assertThat(w.agreement()).isEqualTo(1.0);
    assertThat(w.kappa()).isNull();
  }

  private static void add(AgreementWindowAggregate w, int champion, int challenger, int times) {
    for (int i = 0; i < times; i++) {
      w.add("chat", new AgreementSample("shadow", "sha256:a", "v1", "sha256:b", "v2", champion, challenger, 0.9, 0.8));
    }
  }
}
