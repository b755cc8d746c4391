package io.feedbackpulse.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which time a feedback item is counted at. A producer's own time field is trusted only inside a
 * range: not before {@code minEventTime}, and not more than {@code maxFutureSkew} after the Kafka
 * record timestamp (itself held to the service's clock plus the same skew). Outside it the record
 * timestamp counts instead. Event times become the timestamps of outputs and changelog entries, so
 * an unbounded one is refused by the broker ({@code log.message.timestamp.after.max.ms}, one hour by
 * default) and stops the service; and a single record far ahead moves stream time, closing every
 * window that on-time records still belong to.
 */
public record EventTimePolicy(Duration maxFutureSkew, Instant minEventTime) {
  public static final EventTimePolicy DEFAULT =
      new EventTimePolicy(Duration.ofMinutes(5), Instant.parse("2000-01-01T00:00:00Z"));

  public EventTimePolicy {
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("time.max-future-skew must not be negative, got " + maxFutureSkew);
    }
  }

  /** The event time of one item and where it came from. */
  public record EventTime(long millis, EventTimeSource source) {}

  /**
   * @param payload the record's own time field, if it has one
   * @param recordTimestamp the Kafka record timestamp
   * @param nowMillis the service's clock
   */
  public EventTime resolve(Optional<Instant> payload, long recordTimestamp, long nowMillis) {
    return resolve(payload, recordTimestamp, nowMillis, minEventTime);
  }

  /**
   * As {@link #resolve(Optional, long, long)}, with a lower bound of this record's own that is later than
   * {@code minEventTime}: a label, for example, is not given before its item was written.
   *
   * @param notBefore the earliest time the payload may claim; {@code minEventTime} when earlier
   */
  public EventTime resolve(Optional<Instant> payload, long recordTimestamp, long nowMillis, Instant notBefore) {
    long skew = maxFutureSkew.toMillis();
    boolean recordTimestampTrusted = recordTimestamp <= nowMillis + skew && recordTimestamp >= minEventTime.toEpochMilli();
    long base = recordTimestampTrusted ? recordTimestamp : nowMillis;
    EventTimeSource fallback = recordTimestampTrusted ? EventTimeSource.RECORD_TIMESTAMP : EventTimeSource.WALL_CLOCK;
    if (payload.isEmpty()) {
      return new EventTime(base, fallback);
    }
    Instant time = payload.get();
    Instant earliest = notBefore.isAfter(minEventTime) ? notBefore : minEventTime;
    if (!time.isBefore(earliest) && !time.isAfter(Instant.ofEpochMilli(base + skew))) {
      return new EventTime(time.toEpochMilli(), EventTimeSource.PAYLOAD);
    }
    return new EventTime(base, recordTimestampTrusted ? EventTimeSource.RECORD_TIMESTAMP_PAYLOAD_OUT_OF_RANGE
        : EventTimeSource.WALL_CLOCK);
  }
}
