package io.feedbackpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventTimePolicyTest {
  static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  static final long RECORD = NOW.minusSeconds(1).toEpochMilli();
  final EventTimePolicy policy = EventTimePolicy.DEFAULT;

  private EventTimePolicy.EventTime resolve(Instant payload) {
    return policy.resolve(Optional.ofNullable(payload), RECORD, NOW.toEpochMilli());
  }

  @Test
  void aPayloadTimeInTheRangeCounts() {
    assertThat(resolve(NOW.minus(Duration.ofDays(3))))
        .isEqualTo(new EventTimePolicy.EventTime(NOW.minus(Duration.ofDays(3)).toEpochMilli(), EventTimeSource.PAYLOAD));
    Instant justAhead = Instant.ofEpochMilli(RECORD).plus(Duration.ofMinutes(5));
    assertThat(resolve(justAhead).source()).isEqualTo(EventTimeSource.PAYLOAD);
  }

  @Test
  void aPayloadTimeTooFarAheadOrTooOldGivesWayToTheRecordTimestamp() {
    for (Instant outOfRange : new Instant[] {Instant.ofEpochMilli(RECORD).plus(Duration.ofMinutes(5)).plusMillis(1),
        NOW.plus(Duration.ofDays(2)), Instant.parse("2099-01-01T00:00:00Z"), Instant.ofEpochMilli(-5),
        Instant.parse("1999-12-31T23:59:59Z"), Instant.MAX}) {
      assertThat(resolve(outOfRange)).as(outOfRange.toString())
          .isEqualTo(new EventTimePolicy.EventTime(RECORD, EventTimeSource.RECORD_TIMESTAMP_PAYLOAD_OUT_OF_RANGE));
    }
  }

  @Test
  void withoutAPayloadTimeTheRecordTimestampCounts() {
    assertThat(resolve(null)).isEqualTo(new EventTimePolicy.EventTime(RECORD, EventTimeSource.RECORD_TIMESTAMP));
  }

  @Test
  void aRecordTimestampAheadOfTheServicesClockGivesWayToTheClock() {
    long ahead = NOW.plus(Duration.ofMinutes(30)).toEpochMilli();
    assertThat(policy.resolve(Optional.empty(), ahead, NOW.toEpochMilli()))
        .isEqualTo(new EventTimePolicy.EventTime(NOW.toEpochMilli(), EventTimeSource.WALL_CLOCK));
    assertThat(policy.resolve(Optional.of(Instant.ofEpochMilli(ahead)), ahead, NOW.toEpochMilli()).source())
        .isEqualTo(EventTimeSource.WALL_CLOCK);
  }

  @Test
  void aLaterLowerBoundOfTheRecordsOwnRejectsAPayloadTimeBeforeIt() {
    Instant notBefore = NOW.minus(Duration.ofHours(1));
    assertThat(policy.resolve(Optional.of(NOW.minus(Duration.ofHours(2))), RECORD, NOW.toEpochMilli(), notBefore))
        .isEqualTo(new EventTimePolicy.EventTime(RECORD, EventTimeSource.RECORD_TIMESTAMP_PAYLOAD_OUT_OF_RANGE));
    assertThat(policy.resolve(Optional.of(notBefore), RECORD, NOW.toEpochMilli(), notBefore).source())
        .isEqualTo(EventTimeSource.PAYLOAD);
    assertThat(policy.resolve(Optional.of(Instant.parse("1999-12-31T23:59:59Z")), RECORD, NOW.toEpochMilli(),
        Instant.EPOCH).source()).as("min-event-time still holds").isEqualTo(EventTimeSource.RECORD_TIMESTAMP_PAYLOAD_OUT_OF_RANGE);
  }
}
