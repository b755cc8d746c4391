package io.feedbackpulse.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Each statistic against values worked out by hand or known from tables. */
class DistributionStatisticsTest {
  @Test
  void jensenShannonDistanceIsZeroForEqualAndOneForDisjointDistributions() {
    assertThat(DistributionStatistics.jensenShannonDistance(new double[] {0.2, 0.3, 0.5}, new double[] {0.2, 0.3, 0.5}))
        .isCloseTo(0, within(1e-12));
    assertThat(DistributionStatistics.jensenShannonDistance(new double[] {1, 0, 0}, new double[] {0, 1, 0}))
        .isCloseTo(1, within(1e-12));
  }

  @Test
  void jensenShannonDistanceOfHalfOverlappingDistributions() {
    // M = (.25, .5, .25); KL(P||M) = KL(Q||M) = 0.5 bit; JSD = 0.5; distance = sqrt(0.5)
    assertThat(DistributionStatistics.jensenShannonDistance(new double[] {0.5, 0.5, 0}, new double[] {0, 0.5, 0.5}))
        .isCloseTo(Math.sqrt(0.5), within(1e-12));
  }

  @Test
  void psiByHand() {
    // 0.1 ln 2 + 0 + (-0.1) ln(5/6)
    assertThat(DistributionStatistics.psi(new double[] {0.2, 0.3, 0.5}, new double[] {0.1, 0.3, 0.6}))
        .isCloseTo(0.1 * Math.log(2) - 0.1 * Math.log(5.0 / 6), within(1e-9));
  }

  @Test
  void psiStaysFiniteWithAnEmptyBin() {
    double psi = DistributionStatistics.psi(new double[] {0, 0.4, 0.6}, new double[] {0.1, 0.3, 0.6});
    assertThat(psi).isFinite().isGreaterThan(0.25);
  }

  @Test
  void chiSquareAgainstReferenceScaledToTheWindow() {
    // expected (20, 30, 50): 100/20 + 100/30 + 0
    double chi = DistributionStatistics.chiSquare(new long[] {30, 20, 50}, new double[] {0.2, 0.3, 0.5});
    assertThat(chi).isCloseTo(5 + 100.0 / 30, within(1e-9));
    // two degrees of freedom: p = exp(-chi / 2)
    assertThat(DistributionStatistics.chiSquarePValue(chi, 2)).isCloseTo(Math.exp(-chi / 2), within(1e-10));
  }

  @Test
  void chiSquareWithZeroCounts() {
    // expected (2, 3, 5): 4/2 + 9/3 + 25/5
    assertThat(DistributionStatistics.chiSquare(new long[] {0, 0, 10}, new double[] {0.2, 0.3, 0.5}))
        .isCloseTo(10, within(1e-9));
  }

  @Test
  void chiSquarePValueMatchesTables() {
    assertThat(DistributionStatistics.chiSquarePValue(3.841459, 1)).isCloseTo(0.05, within(1e-5));
    assertThat(DistributionStatistics.chiSquarePValue(5.991465, 2)).isCloseTo(0.05, within(1e-5));
    assertThat(DistributionStatistics.chiSquarePValue(11.0705, 5)).isCloseTo(0.05, within(1e-5));
    assertThat(DistributionStatistics.chiSquarePValue(0, 2)).isEqualTo(1);
  }

  @Test
  void lInfinityIsTheLargestShareChange() {
    assertThat(DistributionStatistics.lInfinity(new double[] {0.2, 0.3, 0.5}, new double[] {0.1, 0.45, 0.45}))
        .isCloseTo(0.15, within(1e-12));
  }

  @Test
  void aWindowOfOneItem() {
    double[] shares = DistributionStatistics.shares(new long[] {1, 0, 0});
    assertThat(shares).containsExactly(1, 0, 0);
    double[] reference = {0.1, 0.15, 0.75};
    assertThat(DistributionStatistics.jensenShannonDistance(shares, reference)).isBetween(0.0, 1.0);
    assertThat(DistributionStatistics.chiSquare(new long[] {1, 0, 0}, reference)).isCloseTo(8.1 + 0.15 + 0.75,
        within(1e-9));
  }
}
