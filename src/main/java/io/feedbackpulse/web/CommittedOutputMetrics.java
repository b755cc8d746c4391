package io.feedbackpulse.web;

import io.feedbackpulse.avro.AlertPriority;
import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.streams.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Arrays;
import java.util.List;

/**
 * Counts what the output topics hold, read back with {@code read_committed} from the moment this instance
 * started: the committed truth, unlike {@link ServiceMetrics}' counters, which count attempts (a record of a
 * transaction that was aborted, after a fencing or a crash, is counted again when it is processed again). The
 * outputs of the whole application are read, so every instance reports the same totals: take the max over
 * instances, not the sum. Like {@link ServiceMetrics}' counters, each is registered at 0 when bound, as the service
 * starts, and each record increments a counter held since.
 */
final class CommittedOutputMetrics implements MeterBinder {
  private static final List<String> LABELS = Arrays.stream(Sentiment.values()).map(Sentiment::label).toList();
  private static final List<String> PRIORITIES = Arrays.stream(AlertPriority.values()).map(Enum::name).toList();
  private final List<String> channels;
  private final TaggedCounters scored = new TaggedCounters("feedback.committed.scored",
      "Scored items committed to the scored topic since this instance started (all instances')", "channel", "label");
  private final TaggedCounters deadLetters = new TaggedCounters("feedback.committed.dead.letters",
      "Dead letters committed to the dead-letter topic since this instance started (all instances')", "reason");
  /** Tagged as the alert records spell the priority: {@code LOW}, {@code MEDIUM}, {@code HIGH}. */
  private final TaggedCounters alerts = new TaggedCounters("feedback.committed.alerts",
      "Alerts committed to the alert topic since this instance started (all instances')", "priority");

  /** @param channels the names of the channels the service reads */
  CommittedOutputMetrics(List<String> channels) {
    this.channels = List.copyOf(channels);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    scored.bindTo(registry, TaggedCounters.pairs(channels, LABELS));
    deadLetters.bindTo(registry, TaggedCounters.each(DeadLetters.REASONS));
    alerts.bindTo(registry, TaggedCounters.each(PRIORITIES));
  }

  void scored(ScoredFeedback s) {
    scored.counter(s.getFeedback().getChannel(), s.getLabelName()).increment();
  }

  void deadLetter(DeadLetter d) {
    deadLetters.counter(d.getReason()).increment();
  }

  void alert(SupportAlert a) {
    alerts.counter(a.getPriority().name()).increment();
  }
}
