package io.feedbackpulse.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelDistribution;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Threshold decisions on windows whose statistics are worked out by hand. */
class DriftDetectorTest {
  private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
  private static final ReferenceDistribution REFERENCE =
      new ReferenceDistribution("baseline:m1", new double[] {0.2, 0.3, 0.5});
  private static final DriftReference LABELS_ONLY = new DriftReference(REFERENCE, Optional.empty());

  private static LabelDistribution window(LabelWindowAggregate a, DriftReference reference) {
    return LabelDistributions.of("chat", START, START.plusSeconds(300), a, reference);
  }

  private static List<String> statistics(List<DriftEvent> events) {
    return events.stream().map(DriftEvent::getStatistic).toList();
  }

  /** Only the chi-square test can fire: the other thresholds are out of reach. */
  private static DriftThresholds chiSquareOnly(int testedChannels) {
    return new DriftThresholds(10, 1.0, 0.05, testedChannels, 100, 1.0);
  }

  @Test
  void aWindowMatchingTheReferenceRaisesNothing() {
    DriftDetector detector = new DriftDetector(new DriftThresholds(10, 0.1, 0.05, 5, 0.25, 0.1));
    assertThat(detector.events(window(Windows.of(20, 30, 50), LABELS_ONLY))).isEmpty();
  }

  @Test
  void bonferroniDividesAlphaByTheChannelsTested() {
    // observed (30, 30, 40), expected (20, 30, 50): chi2 = 100/20 + 0 + 100/50 = 7; df 2: p = exp(-3.5) = 0.0302
    LabelDistribution d = window(Windows.of(30, 30, 40), LABELS_ONLY);
    assertThat(d.getDrift().getChiSquare()).isCloseTo(7, within(1e-9));
    assertThat(d.getDrift().getChiSquarePValue()).isCloseTo(Math.exp(-3.5), within(1e-9));

    List<DriftEvent> oneChannel = new DriftDetector(chiSquareOnly(1)).events(d);
    assertThat(statistics(oneChannel)).containsExactly("chi-square-p-value");
    assertThat(oneChannel.get(0).getThreshold()).isEqualTo(0.05);
    assertThat(oneChannel.get(0).getValue()).isCloseTo(0.0302, within(1e-4));
    // 0.05 / 2 = 0.025 < 0.0302: no longer significant
    assertThat(new DriftDetector(chiSquareOnly(2)).events(d)).isEmpty();
    assertThat(new DriftDetector(chiSquareOnly(5)).events(d)).isEmpty();
  }

  @Test
  void oneEventPerCrossedStatisticWithReferenceAndCurrentShares() {
    // observed (0, 0, 10) against (0.2, 0.3, 0.5), M = (0.1, 0.15, 0.75):
    // KL(P||M) = log2(4/3); KL(R||M) = 0.2 + 0.3 + 0.5 log2(2/3); JS distance = sqrt of their mean
    double js = Math.sqrt((log2(4 / 3.0) + 0.5 + 0.5 * log2(2 / 3.0)) / 2);
    // chi2 = 4/2 + 9/3 + 25/5 = 10; p = exp(-5) = 0.0067 < 0.05 / 5
    LabelDistribution d = window(Windows.of(0, 0, 10), LABELS_ONLY);
    List<DriftEvent> events = new DriftDetector(new DriftThresholds(10, 0.1, 0.05, 5, 0.25, 0.1)).events(d);

    assertThat(statistics(events)).containsExactly("jensen-shannon-distance", "chi-square-p-value", "psi");
    assertThat(events).allSatisfy(e -> {
      assertThat(e.getKind()).isEqualTo("label");
      assertThat(e.getChannel()).isEqualTo("chat");
      assertThat(e.getReference()).isEqualTo("baseline:m1");
      assertThat(e.getReferenceShares().getNeutral()).isEqualTo(0.3);
      assertThat(e.getCurrentShares().getPositive()).isEqualTo(1.0);
      assertThat(e.getTotal()).isEqualTo(10);
      assertThat(e.getWindowStart()).isEqualTo(START);
    });
    assertThat(events.get(0).getValue()).isCloseTo(js, within(1e-9));
    assertThat(events.get(0).getThreshold()).isEqualTo(0.1);
    assertThat(events.get(1).getValue()).isCloseTo(Math.exp(-5), within(1e-9));
    assertThat(events.get(1).getThreshold()).isCloseTo(0.01, within(1e-12));
    assertThat(events.get(2).getValue()).isFinite().isGreaterThan(0.25);
  }

  @Test
  void windowsBelowTheMinimumRaiseNothing() {
    DriftDetector detector = new DriftDetector(new DriftThresholds(10, 0.1, 0.05, 1, 0.25, 0.1));
    assertThat(detector.events(window(Windows.of(0, 0, 9), LABELS_ONLY))).isEmpty();
    assertThat(detector.events(window(Windows.of(0, 0, 10), LABELS_ONLY))).isNotEmpty();
    assertThat(detector.events(window(Windows.of(0, 0, 0), LABELS_ONLY))).isEmpty();
  }

  @Test
  void aStatisticEqualToItsThresholdRaisesNothing() {
    // observed (0, 0, 10) against (0.2, 0.3, 0.5): the JS distance of the test above; events need more than it
    LabelDistribution d = window(Windows.of(0, 0, 10), LABELS_ONLY);
    double js = d.getDrift().getJensenShannonDistance();
    double psi = d.getDrift().getPsi();
    assertThat(new DriftDetector(new DriftThresholds(10, js, 0.0, 1, psi, 1.0)).events(d)).isEmpty();
    assertThat(statistics(new DriftDetector(new DriftThresholds(10, Math.nextDown(js), 0.0, 1, Math.nextDown(psi), 1.0))
        .events(d))).containsExactly("jensen-shannon-distance", "psi");
  }

  @Test
  void aWindowBelowTheMinimumStillCarriesItsStatistics() {
    LabelDistribution d = window(Windows.of(0, 0, 9), LABELS_ONLY);
    assertThat(d.getDrift().getJensenShannonDistance()).isGreaterThan(0.1);
    assertThat(new DriftDetector(new DriftThresholds(10, 0.1, 0.05, 1, 0.25, 0.1)).events(d)).isEmpty();
  }

  @Test
  void confidenceDriftAgainstTheConfidenceReference() {
    DriftReference reference = new DriftReference(REFERENCE,
        Optional.of(new ConfidenceReference("trailing:PT24H", 0.5, 0.75)));
    DriftDetector detector = new DriftDetector(new DriftThresholds(10, 1.0, 0.0, 1, 100, 0.25));

    // confidence 0.5 -> 0.875 (+0.375); entropy 0.75 -> 0.5 (-0.25, not beyond the bound)
    LabelDistribution d = window(Windows.of(20, 30, 50, 0.875, 0.5), reference);
    assertThat(d.getDrift().getConfidenceReference()).isEqualTo("trailing:PT24H");
    List<DriftEvent> events = detector.events(d);
    assertThat(statistics(events)).containsExactly("mean-confidence");
    DriftEvent e = events.get(0);
    assertThat(e.getKind()).isEqualTo("confidence");
    assertThat(e.getReference()).isEqualTo("trailing:PT24H");
    assertThat(e.getValue()).isCloseTo(0.375, within(1e-12));
    assertThat(e.getReferenceValue()).isEqualTo(0.5);
    assertThat(e.getCurrentValue()).isCloseTo(0.875, within(1e-12));

    assertThat(statistics(detector.events(window(Windows.of(20, 30, 50, 0.5, 1.25), reference))))
        .containsExactly("mean-entropy");
  }

  @Test
  void withoutAConfidenceReferenceThereIsNoConfidenceDrift() {
    LabelDistribution d = window(Windows.of(20, 30, 50, 0.99, 0.01), LABELS_ONLY);
    assertThat(d.getDrift().getConfidenceReference()).isEqualTo("none");
    assertThat(d.getDrift().getReferenceMeanConfidence()).isNull();
    assertThat(new DriftDetector(new DriftThresholds(10, 1.0, 0.0, 1, 100, 0.1)).events(d)).isEmpty();
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
