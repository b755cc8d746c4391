package io.feedbackpulse.demo;

import java.time.Instant;
import java.util.SplittableRandom;

/** Shapes a review into a record of one channel, with the field names of that channel's schema. */
interface ChannelMessages {

  SampleMessage create(SampleReview review, SplittableRandom random, Instant now);
}
