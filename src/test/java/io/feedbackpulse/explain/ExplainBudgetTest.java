package io.feedbackpulse.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bucket explanations spend from: full at start, drained by spending, refilled with time, never past full. */
class ExplainBudgetTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(5 * SECOND);

  @Test
  void startsFullAndRefillsAtItsRateUpToItsCapacity() {
    ExplainBudget budget = new ExplainBudget(4096, 1000, now::get);
    assertThat(budget.available()).isEqualTo(4096);

    budget.spend(3000);
    assertThat(budget.available()).isEqualTo(1096);
    now.addAndGet(SECOND / 2);
    assertThat(budget.available()).isEqualTo(1596);
    now.addAndGet(10 * SECOND);
    assertThat(budget.available()).isEqualTo(4096);
  }

  @Test
  void aBatchThatSpentMoreThanWasLeftLeavesNothingUntilTheDebtIsRepaid() {
    ExplainBudget budget = new ExplainBudget(4096, 1000, now::get);
    budget.spend(4096);
    budget.spend(500);
    assertThat(budget.available()).isZero();
    now.addAndGet(SECOND / 2);
    assertThat(budget.available()).isZero();
    now.addAndGet(SECOND / 2);
    assertThat(budget.available()).isEqualTo(500);
  }

  @Test
  void steadyAlertsSpendNoMoreThanTheRateOverTime() {
    ExplainBudget budget = new ExplainBudget(4096, 1000, now::get);
    long spent = 0;
    for (int batch = 0; batch < 100; batch++) {
      int take = Math.min(budget.available(), 3000);
      budget.spend(take);
      spent += take;
      now.addAndGet(SECOND / 10);
    }
    // 10 seconds: the full bucket at start plus 10 s of refill, at most
    assertThat(spent).isLessThanOrEqualTo(4096 + 10 * 1000).isGreaterThan(10 * 1000);
  }

  @Test
  void withoutARateEachBatchGetsTheWholeCapacity() {
    ExplainBudget budget = new ExplainBudget(4096, Double.POSITIVE_INFINITY, now::get);
    budget.spend(4096);
    now.incrementAndGet();
    assertThat(budget.available()).isEqualTo(4096);
  }

  @Test
  void aRateThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> new ExplainBudget(4096, 0, now::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("explain.tokens-per-second");
  }
}
