package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.config.Settings;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every trigger of {@code pipeline watch}, asked in turn at each look: new labels, a quality or label-drift event,
 * the schedule. The first that fires gives the run's {@code trigger}, its name first ({@code labels: ...},
 * {@code quality: ...}, {@code drift: ...}, {@code schedule: ...}).
 */
public final class WatchTriggers {
  private final LabelTrigger labels;
  private final DriftTrigger events;
  private final ScheduleTrigger schedule;
  private final int minRows;

  /** @param minRows {@code pipeline.checks.min-rows}: a snapshot with fewer labelled items fails the checks */
  public WatchTriggers(LabelTrigger labels, DriftTrigger events, ScheduleTrigger schedule, int minRows) {
    this.labels = labels;
    this.events = events;
    this.schedule = schedule;
    this.minRows = minRows;
  }

  /** From {@code pipeline.trigger.*}; a bad value is refused here, before anything reaches the cluster. */
  public static WatchTriggers from(Settings s) {
    return new WatchTriggers(new LabelTrigger(s.integer("pipeline.trigger.min-new-labels")),
        new DriftTrigger(s.list("pipeline.trigger.events")),
        ScheduleTrigger.parse(s.string("pipeline.trigger.schedule")), s.integer("pipeline.checks.min-rows"));
  }

  /**
   * What one look found.
   *
   * @param since the later of the champion's registration and the newest run's start ({@link LabelTrigger#since})
   * @param labelled the labelled items of the watched channels
   * @param events the {@code sentiment.drift} events published from {@code since} on (none when
   *     {@link #readsEvents()} is false)
   * @param channels the watched channels; empty: all
   */
  public record Look(Optional<ModelManifest> champion, Instant since, List<LabelledFeedback> labelled,
      List<DriftTrigger.Observed> events, List<String> channels, Instant now) {}

  /** Whether a look needs the events of {@code sentiment.drift}. */
  public boolean readsEvents() {
    return events.enabled();
  }

  /** The trigger of the run to start now; empty when none fired. */
  public Optional<String> fire(Look look) {
    Optional<String> fired = labels.fire(look.labelled(), look.since()).map(why -> "labels: " + why);
    if (fired.isEmpty()) {
      fired = events.fire(look.events(), look.champion(), look.channels(), look.since());
    }
    if (fired.isEmpty()) {
      fired = schedule.fire(look.labelled(), look.since(), look.now()).map(why -> "schedule: " + why);
    }
    return fired;
  }

  /**
   * Why a run started now would be refused at its data checks for want of rows, whatever fired: its snapshot is every
   * labelled item of the watched channels. Empty when there are enough.
   */
  public Optional<String> tooFewToTrain(Look look) {
    int rows = look.labelled().size();
    return rows >= minRows ? Optional.empty() : Optional.of(rows + " labelled items, below pipeline.checks.min-rows "
        + minRows + ": waiting for labels");
  }
}
