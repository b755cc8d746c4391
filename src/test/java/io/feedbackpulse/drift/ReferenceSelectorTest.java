package io.feedbackpulse.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.config.SettingsException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferenceSelectorTest {
  private static final long MINUTE = 60_000;
  private static final Duration SPAN = Duration.ofHours(1);
  private static final ReferenceDistribution BASELINE =
      new ReferenceDistribution("baseline:m1", new double[] {0.2, 0.3, 0.5});

  private static TrailingReference history(long negative, long neutral, long positive) {
    LabelWindowAggregate w = Windows.of(negative, neutral, positive, 0.625, 0.875);
    return new TrailingReference().record(TrailingWindow.of(0, 5 * MINUTE, w), SPAN);
  }

  @Test
  void baselineModeComparesLabelsWithTheBaselineAndConfidenceWithTheTrailingWindows() {
    ReferenceSelector selector = new ReferenceSelector(ReferenceSelector.Mode.BASELINE, BASELINE, Optional.empty(), SPAN, 10);
    DriftReference r = selector.select(history(5, 5, 10), 5 * MINUTE);
    assertThat(r.labels()).isSameAs(BASELINE);
    assertThat(r.confidence()).contains(new ConfidenceReference("trailing:PT1H", 0.625, 0.875));
  }

  @Test
  void trailingModeUsesTheTrailingSharesOnceTheyHoldEnoughItems() {
    ReferenceSelector selector = new ReferenceSelector(ReferenceSelector.Mode.TRAILING, BASELINE, Optional.empty(), SPAN, 10);
    DriftReference r = selector.select(history(5, 5, 10), 5 * MINUTE);
    assertThat(r.labels().name()).isEqualTo("trailing:PT1H");
    assertThat(r.labels().shares()).containsExactly(0.25, 0.25, 0.5);
  }

  @Test
  void anEmptyOrTooSmallTrailingReferenceFallsBackToTheBaselineWithoutConfidence() {
    ReferenceSelector selector = new ReferenceSelector(ReferenceSelector.Mode.TRAILING, BASELINE, Optional.empty(), SPAN, 10);
    DriftReference empty = selector.select(new TrailingReference(), 0);
    assertThat(empty.labels()).isSameAs(BASELINE);
    assertThat(empty.confidence()).isEmpty();
    DriftReference small = selector.select(history(3, 3, 3), 5 * MINUTE);
    assertThat(small.labels()).isSameAs(BASELINE);
    assertThat(small.confidence()).isEmpty();
    // out of the span: as if empty
    assertThat(selector.select(history(5, 5, 10), 65 * MINUTE + 1).labels()).isSameAs(BASELINE);
  }

  @Test
  void aMinimumOfZeroStillNeedsOneItem() {
    ReferenceSelector selector = new ReferenceSelector(ReferenceSelector.Mode.TRAILING, BASELINE, Optional.empty(), SPAN, 0);
    assertThat(selector.select(history(0, 0, 0), 5 * MINUTE).labels()).isSameAs(BASELINE);
    assertThat(selector.select(history(1, 0, 0), 5 * MINUTE).labels().shares()).containsExactly(1.0, 0.0, 0.0);
  }

  @Test
  void aBaselineWithConfidenceIsTheConfidenceReferenceFromTheFirstWindowOn() {
    ConfidenceReference measured = new ConfidenceReference("baseline:m1", 0.8, 0.7);
    ReferenceSelector baselineMode =
        new ReferenceSelector(ReferenceSelector.Mode.BASELINE, BASELINE, Optional.of(measured), SPAN, 10);
    assertThat(baselineMode.select(new TrailingReference(), 0).confidence()).contains(measured);
    assertThat(baselineMode.select(history(5, 5, 10), 5 * MINUTE).confidence()).contains(measured);

    ReferenceSelector trailingMode =
        new ReferenceSelector(ReferenceSelector.Mode.TRAILING, BASELINE, Optional.of(measured), SPAN, 10);
    assertThat(trailingMode.select(history(3, 3, 3), 5 * MINUTE).confidence()).contains(measured);
    assertThat(trailingMode.select(history(5, 5, 10), 5 * MINUTE).confidence())
        .contains(new ConfidenceReference("trailing:PT1H", 0.625, 0.875));
  }

  @Test
  void modeIsBaselineOrTrailing() {
    assertThat(ReferenceSelector.Mode.parse(" Trailing ")).isEqualTo(ReferenceSelector.Mode.TRAILING);
    assertThatThrownBy(() -> ReferenceSelector.Mode.parse("rolling")).isInstanceOf(SettingsException.class)
        .hasMessageContaining("drift.reference");
  }
}
