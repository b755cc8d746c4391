package io.feedbackpulse.alert;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** When one customer last wrote on each channel (event time, epoch millis). */
public final class ContactHistory {
  private Map<String, Long> lastContact = new HashMap<>();

  /** Records a contact and forgets those older than {@code span} before it. */
  public ContactHistory record(String channel, long eventTime, Duration span) {
    lastContact.merge(channel, eventTime, Math::max);
    long horizon = eventTime - span.toMillis();
    lastContact.values().removeIf(t -> t < horizon);
    return this;
  }

  /** Channels with a contact within {@code span} before {@code eventTime}. */
  public int channelsWithin(long eventTime, Duration span) {
    long horizon = eventTime - span.toMillis();
    return (int) lastContact.values().stream().filter(t -> t >= horizon).count();
  }

  /** The latest contact on any channel, or {@link Long#MIN_VALUE} when there is none. */
  public long latest() {
    return lastContact.values().stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
  }

  public boolean isEmpty() {
    return lastContact.isEmpty();
  }
}
