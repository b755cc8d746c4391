package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.config.SettingsException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * When {@code pipeline watch} starts a run on a schedule ({@code pipeline.trigger.schedule}): once that long has
 * passed since the later of the champion's registration and the newest run's start, provided some items were labelled
 * since then. A run on no new labels would train on what the last one had: the schedule waits for one.
 */
public final class ScheduleTrigger {
  private final Optional<Duration> every;

  private ScheduleTrigger(Optional<Duration> every) {
    this.every = every;
  }

  /** @param value {@code pipeline.trigger.schedule}: an ISO-8601 duration above zero; empty turns it off */
  public static ScheduleTrigger parse(String value) {
    if (value.isBlank()) {
      return new ScheduleTrigger(Optional.empty());
    }
    Duration every;
    try {
      every = Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new SettingsException("pipeline.trigger.schedule must be an ISO-8601 duration such as P1D, or empty (no "
          + "schedule), got '" + value + "'");
    }
    if (every.isNegative() || every.isZero()) {
      throw new SettingsException("pipeline.trigger.schedule must be longer than zero, or empty (no schedule), got '"
          + value + "'");
    }
    return new ScheduleTrigger(Optional.of(every));
  }

  /** Why a run starts now, in words; empty while the schedule is off, not due, or nothing new was labelled. */
  public Optional<String> fire(List<LabelledFeedback> items, Instant since, Instant now) {
    if (every.isEmpty() || now.isBefore(since.plus(every.get()))) {
      return Optional.empty();
    }
    long fresh = items.stream().filter(i -> i.getLabeledAt().isAfter(since)).count();
    if (fresh == 0) {
      return Optional.empty();
    }
    return Optional.of(every.get() + " passed since " + since + " (pipeline.trigger.schedule) and " + fresh
        + " items were labelled since then (a schedule starts no run without new labels)");
  }
}
