package io.feedbackpulse.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.config.Settings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One channel's closed windows in order, against the baseline and then its own trailing windows. */
class DriftAnalysisTest {
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(5);
  private static final ReferenceDistribution BASELINE =
      new ReferenceDistribution("baseline:m1", new double[] {0.1, 0.2, 0.7});

  private static DriftAnalysis analysis(String mode) {
    Settings s = Settings.builder().set("drift.reference", mode).set("drift.trailing-span", "PT10M")
        .set("drift.min-items", "20").build();
    return DriftAnalysis.of(DriftOptions.from(s, 5), () -> new BaselineReference(BASELINE, java.util.Optional.empty()));
  }

  private static WindowAssessment assess(DriftAnalysis analysis, int index, LabelWindowAggregate window,
      TrailingReference history) {
    Instant start = T0.plus(WINDOW.multipliedBy(index));
    return analysis.assess("chat", start, start.plus(WINDOW), window, history);
  }

  @Test
  void trailingReferenceStartsFromTheBaselineThenFollowsTheChannelsOwnWindows() {
    DriftAnalysis analysis = analysis("trailing");
    TrailingReference history = new TrailingReference();
    // traffic unlike the baseline: drifts against it in the first window only
    WindowAssessment first = assess(analysis, 0, Windows.of(20, 20, 20), history);
    assertThat(first.distribution().getDrift().getReference()).isEqualTo("baseline:m1");
    assertThat(first.distribution().getDrift().getConfidenceReference()).isEqualTo("none");
    assertThat(first.events()).extracting(DriftEvent::getKind).contains("label").doesNotContain("confidence");

    WindowAssessment second = assess(analysis, 1, Windows.of(20, 20, 20), history);
    assertThat(second.distribution().getDrift().getReference()).isEqualTo("trailing:PT10M");
    assertThat(second.distribution().getDrift().getReferenceShares().getNegative()).isEqualTo(1 / 3.0);
    assertThat(second.events()).isEmpty();

    // a shift of the negative share against the trailing windows
    WindowAssessment third = assess(analysis, 2, Windows.of(50, 5, 5), history);
    assertThat(third.events()).extracting(DriftEvent::getStatistic)
        .containsExactly("jensen-shannon-distance", "chi-square-p-value", "psi");

    // nothing within the span before window 6: back to the baseline
    WindowAssessment late = assess(analysis, 6, Windows.of(6, 12, 42), history);
    assertThat(late.distribution().getDrift().getReference()).isEqualTo("baseline:m1");
    assertThat(late.events()).isEmpty();
  }

  @Test
  void baselineReferenceComparesConfidenceWithTheTrailingWindows() {
    DriftAnalysis analysis = analysis("baseline");
    TrailingReference history = new TrailingReference();
    assertThat(assess(analysis, 0, Windows.of(2, 4, 14, 0.9, 0.5), history).events()).isEmpty();
    WindowAssessment next = assess(analysis, 1, Windows.of(2, 4, 14, 0.6, 0.5), history);
    assertThat(next.distribution().getDrift().getReference()).isEqualTo("baseline:m1");
    assertThat(next.distribution().getDrift().getConfidenceReference()).isEqualTo("trailing:PT10M");
    assertThat(next.events()).extracting(DriftEvent::getStatistic).containsExactly("mean-confidence");
    assertThat(next.events().get(0).getReference()).isEqualTo("trailing:PT10M");
  }
}
