package io.feedbackpulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentRecordsTest {
  @Test
  void keepsTheNewestUpToCapacityNewestFirst() {
    RecentRecords<Integer> recent = new RecentRecords<>(3);
    for (int i = 1; i <= 5; i++) {
      recent.add(i);
    }
    assertThat(recent.newest(10, i -> true)).containsExactly(5, 4, 3);
    assertThat(recent.newest(2, i -> true)).containsExactly(5, 4);
    assertThat(recent.newest(10, i -> i % 2 == 1)).containsExactly(5, 3);
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new RecentRecords<>(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
