package io.feedbackpulse.reasons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Figures worked by hand for six texts. */
class ReasonReportTest {
  @Test
  void figuresMatchTheHandWorkedOnes() {
    // truth:  d d d p p b ; given: d d p p other b ; best-scoring: d d p p d b
    ReasonReport r = ReasonReport.of(List.of("d", "p", "b"), List.of("d", "d", "d", "p", "p", "b"),
        List.of("d", "d", "p", "p", "other", "b"), List.of("d", "d", "p", "p", "d", "b"));

    assertThat(r.labels()).containsExactly("d", "p", "b", "other");
    assertThat(r.accuracy()).isCloseTo(4 / 6.0, within(1e-12));
    assertThat(r.topAccuracy()).isCloseTo(4 / 6.0, within(1e-12));
    assertThat(r.otherShare()).isCloseTo(1 / 6.0, within(1e-12));
    // d: p 2/2, r 2/3, f1 0.8; p: p 1/2, r 1/2, f1 0.5; b: 1, 1, 1; other: p 0 (1 given, 0 right), r 0 (none known)
    assertThat(r.precision(0)).isEqualTo(1.0);
    assertThat(r.recall(0)).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(r.f1(0)).isCloseTo(0.8, within(1e-12));
    assertThat(r.f1(1)).isCloseTo(0.5, within(1e-12));
    assertThat(r.f1(2)).isEqualTo(1.0);
    assertThat(r.f1(3)).isZero();
    assertThat(r.macroF1()).isCloseTo((0.8 + 0.5 + 1 + 0) / 4, within(1e-12));
    assertThat(r.confusion()[1]).containsExactly(0, 1, 0, 1);
  }

  @Test
  void aReasonNeitherKnownNorGivenDoesNotCountInMacroF1AndOtherIsListedOnlyWhenUsed() {
    ReasonReport r = ReasonReport.of(List.of("d", "p", "unused"), List.of("d", "p"), List.of("d", "p"),
        List.of("d", "p"));

    assertThat(r.labels()).containsExactly("d", "p", "unused");
    assertThat(r.macroF1()).isEqualTo(1.0);
    Map<String, Object> json = r.toMap();
    assertThat(json).containsKeys("accuracy", "macro_f1", "per_reason", "confusion", "labels");
    assertThat(r.toText()).contains("accuracy 1.0000, macro-F1 1.0000");
  }
}
