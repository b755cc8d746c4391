package io.feedbackpulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ContactHistoryTest {
  @Test
  void countsChannelsWithinTheSpanAndForgetsOlderOnes() {
    Duration day = Duration.ofDays(1);
    long t0 = 1_000_000_000L;
    ContactHistory h = new ContactHistory().record("email", t0, day).record("chat", t0 + 1000, day);
    assertThat(h.channelsWithin(t0 + 1000, day)).isEqualTo(2);
    h.record("app", t0 + day.toMillis() + 500, day);
    assertThat(h.channelsWithin(t0 + day.toMillis() + 500, day)).isEqualTo(2);
  }
}
