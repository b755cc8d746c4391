package io.feedbackpulse.demo;

import java.time.Instant;
import java.util.Objects;

/**
 * A change in one channel's sample traffic: from {@code startsAt} on, {@code negativeShare} of that
 * channel's records are made from negative reviews (1-2 stars), the rest from the sample's usual mix.
 */
public record NegativeShift(SampleChannel channel, Instant startsAt, double negativeShare) {

  public NegativeShift {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(startsAt, "startsAt");
    if (!(negativeShare >= 0 && negativeShare <= 1)) {
      throw new IllegalArgumentException("The negative share must be 0 to 1, not " + negativeShare);
    }
  }

  boolean appliesTo(SampleChannel recordChannel, Instant now) {
    return recordChannel == channel && !now.isBefore(startsAt);
  }
}
