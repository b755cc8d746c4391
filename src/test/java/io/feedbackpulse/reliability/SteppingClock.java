package io.feedbackpulse.reliability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Event time that advances a fixed step per record produced, so window membership depends on the order of
 * production and not on how fast a crashed service catches up.
 */
final class SteppingClock extends Clock {
  private final Instant start;
  private final Duration step;
  private long ticks;

  SteppingClock(Instant start, Duration step) {
    this.start = start;
    this.step = step;
  }

  @Override
  public synchronized Instant instant() {
    return start.plus(step.multipliedBy(ticks++));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
