package io.feedbackpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShiftDriftSettingsTest {

  private static final Duration WINDOW = Duration.ofSeconds(20);
  private static final double DEMO_RATE = 8;
  private static final long SERVICE_DEFAULT_MIN_ITEMS = 100;
  /** Each channel's share of the sample traffic, counted over 20,000 records of the mix. */
  private static final Map<SampleChannel, Double> MEASURED_SHARES = measureShares(20_000);

  @Test
  void comparesWindowsWithTheChannelsOwnEarlierWindows() {
    assertThat(ShiftDriftSettings.forShift(SampleChannel.CHAT, DEMO_RATE, WINDOW))
        .containsEntry("drift.reference", "trailing");
  }

  @Test
  void atTheDemosRateOnlyTheShiftedChannelsWindowsUsuallyHoldTheMinimum() {
    long minItems = minItems(DEMO_RATE);

    assertThat(itemsPerWindow(SampleChannel.CHAT, DEMO_RATE)).isLessThan(SERVICE_DEFAULT_MIN_ITEMS)
        .isGreaterThan(minItems);
    for (SampleChannel other : List.of(SampleChannel.EMAIL, SampleChannel.APP, SampleChannel.SOCIAL)) {
      assertThat(itemsPerWindow(other, DEMO_RATE)).as(other.name()).isLessThan(minItems - 5);
    }
  }

  @Test
  void theMinimumIsNineTenthsOfTheShiftedChannelsItemsPerWindowAtAnyRate() {
    for (double rate : List.of(2.0, 8.0, 30.0)) {
      double chat = itemsPerWindow(SampleChannel.CHAT, rate);
      assertThat(minItems(rate)).as("rate %s", rate).isBetween((long) (0.85 * chat), (long) (0.95 * chat));
    }
  }

  private static long minItems(double rate) {
    return Long.parseLong(ShiftDriftSettings.forShift(SampleChannel.CHAT, rate, WINDOW).get("drift.min-items"));
  }

  private static double itemsPerWindow(SampleChannel channel, double rate) {
    return rate * WINDOW.toSeconds() * MEASURED_SHARES.get(channel);
  }

  private static Map<SampleChannel, Double> measureShares(int records) {
    SampleTraffic traffic = new SampleTraffic(SampleReviews.load(), 3,
        Clock.fixed(Instant.parse("2025-06-02T14:00:00Z"), ZoneOffset.UTC));
    Map<SampleChannel, Double> shares = new EnumMap<>(SampleChannel.class);
    for (int i = 0; i < records; i++) {
      String topic = traffic.next().topic();
      for (SampleChannel channel : SampleChannel.values()) {
        if (channel.defaultTopic().equals(topic)) {
          shares.merge(channel, 1.0 / records, Double::sum);
        }
      }
    }
    return shares;
  }
}
