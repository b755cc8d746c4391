package io.feedbackpulse.web;

import io.feedbackpulse.service.Health;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;

/** Gauges of the latest health sample: whether the service is ready and whether it is stalled. */
final class HealthMetrics implements MeterBinder {
  private final Supplier<Health> health;

  HealthMetrics(Supplier<Health> health) {
    this.health = health;
  }

  /** The gauges hold the supplier strongly: Micrometer's default weak reference would lose a method reference. */
  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("feedback.ready", health, h -> h.get().ready() ? 1 : 0)
        .description("1 while /health/ready answers 200, else 0")
        .strongReference(true)
        .register(registry);
    Gauge.builder("feedback.stalled", health, h -> h.get().stalled() ? 1 : 0)
        .description("1 while records wait and no stream thread has committed for health.max-stall, else 0")
        .strongReference(true)
        .register(registry);
    Gauge.builder("feedback.alerts.stalled", health, h -> h.get().alertsStalled() ? 1 : 0)
        .description("1 while items wait in pending-alerts and the alert worker has finished no batch for "
            + "health.max-stall, else 0")
        .strongReference(true)
        .register(registry);
    Gauge.builder("feedback.without.progress", health, h -> h.get().withoutProgress().toMillis() / 1000.0)
        .description("Seconds records have waited with no commit; 0 while nothing waits or commits advance")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }
}
