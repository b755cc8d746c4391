package io.feedbackpulse.web;

import io.feedbackpulse.avro.AlertPriority;
import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.streams.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.List;

/**
 * Counts what the output topics hold, read back with {@code read_committed} from the moment this instance
 * started: the committed truth, unlike {@link ServiceMetrics}' counters, which count attempts (a record of a
 * transaction that was aborted, after a fencing or a crash, is counted again when it is processed again). The
 * outputs of the whole application are read, so every instance reports the same totals: take the max over
 * instances, not the sum. Like {@link ServiceMetrics}' counters, each is registered at 0 when the service starts.
 */
final class CommittedOutputMetrics {
  private final MeterRegistry registry;

  /** @param channels the names of the channels the service reads */
  CommittedOutputMetrics(MeterRegistry registry, List<String> channels) {
    this.registry = registry;
    for (String channel : channels) {
      for (Sentiment label : Sentiment.values()) {
        scored(channel, label.label());
      }
    }
    DeadLetters.REASONS.forEach(this::deadLetters);
    Arrays.stream(AlertPriority.values()).forEach(this::alerts);
  }

  void scored(ScoredFeedback s) {
    scored(s.getFeedback().getChannel(), s.getLabelName()).increment();
  }

  void deadLetter(DeadLetter d) {
    deadLetters(d.getReason()).increment();
  }

  void alert(SupportAlert a) {
    alerts(a.getPriority()).increment();
  }

  private Counter scored(String channel, String label) {
    return Counter.builder("feedback.committed.scored")
        .description("Scored items committed to the scored topic since this instance started (all instances')")
        .tag("channel", channel).tag("label", label).register(registry);
  }

  private Counter deadLetters(String reason) {
    return Counter.builder("feedback.committed.dead.letters")
        .description("Dead letters committed to the dead-letter topic since this instance started (all instances')")
        .tag("reason", reason).register(registry);
  }

  /** Tagged as the alert records spell the priority: {@code LOW}, {@code MEDIUM}, {@code HIGH}. */
  private Counter alerts(AlertPriority priority) {
    return Counter.builder("feedback.committed.alerts")
        .description("Alerts committed to the alert topic since this instance started (all instances')")
        .tag("priority", priority.name()).register(registry);
  }
}
