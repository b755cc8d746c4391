package io.feedbackpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Sample traffic from two reviews told apart by a word every channel keeps: "Awful" (one star) and "Lovely"
 * (five stars), half and half, so each channel's negative share is 0.5 before the shift and 0.8 + 0.2 * 0.5 = 0.9
 * for the shifted channel after it.
 */
class NegativeShiftTest {

  private static final List<SampleReview> REVIEWS = List.of(
      new SampleReview("", "Awful. It fell apart after one wash.", 1, "Tops", "Knits", "General", "101"),
      new SampleReview("", "Lovely dress. It fits well and the colour is rich.", 5, "Dresses", "Dresses", "General",
          "202"));
  private static final Instant START = Instant.parse("2025-06-02T14:05:00Z");
  private static final int RECORDS = 4000;

  private final SettableClock clock = new SettableClock(START.minus(Duration.ofMinutes(2)));
  private final SampleTraffic traffic = new SampleTraffic(REVIEWS, 42, clock, Map.of(),
      Optional.of(new NegativeShift(SampleChannel.CHAT, START, 0.8)));

  @Test
  void beforeTheShiftEveryChannelHasTheUsualMix() {
    clock.set(START.minusMillis(1));

    Map<SampleChannel, Double> negative = negativeShares(RECORDS);

    assertThat(negative).allSatisfy((channel, share) -> assertThat(share).as(channel.name()).isBetween(0.42, 0.58));
  }

  @Test
  void fromTheShiftOnChatIsMostlyNegativeAndTheOtherChannelsKeepTheirMix() {
    clock.set(START.minusMillis(1));
    negativeShares(200);
    clock.set(START);

    Map<SampleChannel, Double> negative = negativeShares(RECORDS);

    assertThat(negative.get(SampleChannel.CHAT)).isBetween(0.87, 0.93);
    for (SampleChannel other : List.of(SampleChannel.EMAIL, SampleChannel.APP, SampleChannel.SOCIAL)) {
      assertThat(negative.get(other)).as(other.name()).isBetween(0.42, 0.58);
    }
  }

  @Test
  void theShiftLastsAfterItsStart() {
    clock.set(START.plus(Duration.ofHours(1)));

    assertThat(negativeShares(RECORDS).get(SampleChannel.CHAT)).isBetween(0.87, 0.93);
  }

  @Test
  void aShiftNeedsNegativeReviewsToDrawFrom() {
    List<SampleReview> positiveOnly = List.of(REVIEWS.get(1));

    assertThatThrownBy(() -> new SampleTraffic(positiveOnly, 1, clock, Map.of(),
        Optional.of(new NegativeShift(SampleChannel.CHAT, START, 0.8))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative reviews");
  }

  @Test
  void theNegativeShareIsAProbability() {
    assertThatThrownBy(() -> new NegativeShift(SampleChannel.CHAT, START, 1.2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Per channel, the share of its records made from the one-star review, over {@code count} records of the mix. */
  private Map<SampleChannel, Double> negativeShares(int count) {
    Map<SampleChannel, int[]> negativeAndAll = new EnumMap<>(SampleChannel.class);
    for (int i = 0; i < count; i++) {
      ProducerRecord<byte[], byte[]> record = traffic.next();
      SampleChannel channel = channelOf(record.topic());
      String value = new String(record.value(), StandardCharsets.UTF_8);
      boolean awful = value.contains("Awful");
      assertThat(awful).as(value).isNotEqualTo(value.contains("Lovely"));
      int[] counts = negativeAndAll.computeIfAbsent(channel, c -> new int[2]);
      counts[0] += awful ? 1 : 0;
      counts[1]++;
    }
    Map<SampleChannel, Double> shares = new EnumMap<>(SampleChannel.class);
    negativeAndAll.forEach((channel, counts) -> shares.put(channel, (double) counts[0] / counts[1]));
    assertThat(shares).containsOnlyKeys(SampleChannel.values());
    return shares;
  }

  private static SampleChannel channelOf(String topic) {
    for (SampleChannel channel : SampleChannel.values()) {
      if (channel.defaultTopic().equals(topic)) {
        return channel;
      }
    }
    throw new AssertionError("Not a channel topic: " + topic);
  }
}
