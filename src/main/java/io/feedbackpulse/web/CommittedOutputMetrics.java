package io.feedbackpulse.web;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Counts what the output topics hold, read back with {@code read_committed} from the moment this instance
 * started: the committed truth, unlike {@link ServiceMetrics}' counters, which count attempts (a record of a
 * transaction that was aborted, after a fencing or a crash, is counted again when it is processed again). The
 * outputs of the whole application are read, so every instance reports the same totals: take the max over
 * instances, not the sum.
 */
final class CommittedOutputMetrics {
  private final MeterRegistry registry;

  CommittedOutputMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void scored(ScoredFeedback s) {
    Counter.builder("feedback.committed.scored")
        .description("Scored items committed to the scored topic since this instance started (all instances')")
        .tag("channel", s.getFeedback().getChannel()).tag("label", s.getLabelName())
        .register(registry).increment();
  }

  void deadLetter(DeadLetter d) {
    Counter.builder("feedback.committed.dead.letters")
        .description("Dead letters committed to the dead-letter topic since this instance started (all instances')")
        .tag("reason", d.getReason()).register(registry).increment();
  }

  void alert(SupportAlert a) {
    Counter.builder("feedback.committed.alerts")
        .description("Alerts committed to the alert topic since this instance started (all instances')")
        .tag("priority", a.getPriority().name().toLowerCase(Locale.ROOT)).register(registry).increment();
  }
}
