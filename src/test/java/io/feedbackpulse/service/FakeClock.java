package io.feedbackpulse.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that reads the time a test sets. */
final class FakeClock extends Clock {
  private final AtomicReference<Instant> now;

  private FakeClock(AtomicReference<Instant> now) {
    this.now = now;
  }

  static FakeClock of(AtomicReference<Instant> now) {
    return new FakeClock(now);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
