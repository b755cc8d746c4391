package io.feedbackpulse.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionTest {
  private static final Confusion AT_START = Confusion.of(List.of(List.of(5L, 1L, 0L), List.of(0L, 3L, 0L),
      List.of(0L, 0L, 2L)));

  @Test
  void whatArrivedSinceIsTheLatestLessTheEarlierCellByCell() {
    Confusion later = Confusion.of(List.of(List.of(7L, 1L, 0L), List.of(0L, 3L, 1L), List.of(0L, 0L, 2L)));

    Confusion since = later.since(AT_START);

    assertThat(since).isEqualTo(Confusion.of(List.of(List.of(2L, 0L, 0L), List.of(0L, 0L, 1L),
        List.of(0L, 0L, 0L))));
    assertThat(since.labelled()).isEqualTo(3);
    assertThat(since.accuracy()).isCloseTo(2.0 / 3, within(1e-12));
    // negative: P 1, R 1, F1 1; neutral: R 0, F1 0; positive: P 0, F1 0
    assertThat(since.macroF1()).isCloseTo(1.0 / 3, within(1e-12));
  }

  @Test
  void aLabelReplacedSinceCountsAsItsNewLabelAndTheOldCellStaysAtZero() {
    // the item labelled negative and called neutral is relabelled neutral: it leaves cell (0, 1) for (1, 1)
    Confusion later = Confusion.of(List.of(List.of(5L, 0L, 0L), List.of(0L, 4L, 0L), List.of(0L, 0L, 2L)));

    assertThat(later.since(AT_START)).isEqualTo(Confusion.of(List.of(List.of(0L, 0L, 0L), List.of(0L, 1L, 0L),
        List.of(0L, 0L, 0L))));
  }

  @Test
  void anEmptyMatrixScoresZeroAndAMisshapenOneIsRefused() {
    assertThat(Confusion.empty().macroF1()).isZero();
    assertThat(Confusion.empty().accuracy()).isZero();
    assertThatThrownBy(() -> Confusion.of(List.of(List.of(1L, 2L)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 rows of 3 counts");
  }
}
