package io.feedbackpulse.demo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Picks the review a sample record is made from: any review of the sample, unless a shift asks for a negative one. */
final class ReviewMix {

  private final List<SampleReview> all;
  private final List<SampleReview> negative;
  private final Optional<NegativeShift> shift;

  ReviewMix(List<SampleReview> reviews, Optional<NegativeShift> shift) {
    this.all = List.copyOf(reviews);
    this.negative = all.stream().filter(review -> review.sentiment() < 0).toList();
    this.shift = shift;
    if (shift.isPresent() && shift.get().negativeShare() > 0 && negative.isEmpty()) {
      throw new IllegalArgumentException("A negative shift needs negative reviews (1-2 stars) in the sample");
    }
  }

  SampleReview draw(SampleChannel channel, Instant now, SplittableRandom random) {
    boolean shifted = shift.filter(s -> s.appliesTo(channel, now))
        .map(s -> Randoms.chance(random, s.negativeShare()))
        .orElse(false);
    return Randoms.oneOf(random, shifted ? negative : all);
  }
}
