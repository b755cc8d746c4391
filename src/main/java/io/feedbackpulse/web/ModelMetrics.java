package io.feedbackpulse.web;

import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.models.ModelAssignment;
import io.feedbackpulse.models.ModelSwitcher;
import io.feedbackpulse.models.ServingModels;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;

/**
 * The serving models: swaps and refused versions since start, and an info gauge (value 1) per model serving now,
 * tagged with its role (champion, or the challenger's mode), version and id, rewritten at each swap.
 */
public final class ModelMetrics implements MeterBinder {
  private final ServingModels serving;
  private final ModelSwitcher switcher;

  public ModelMetrics(ServingModels serving, ModelSwitcher switcher) {
    this.serving = serving;
    this.switcher = switcher;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("feedback.model.swaps", serving, ServingModels::swaps)
        .description("Times this instance swapped the models it serves (a batch is scored by one assignment)")
        .register(registry);
    FunctionCounter.builder("feedback.model.refusals", switcher, ModelSwitcher::refusals)
        .description("Registered versions this instance could not fetch, verify or load, and did not serve")
        .register(registry);
    MultiGauge serving = MultiGauge.builder("feedback.model.serving")
        .description("1 for each model serving now, by role (champion, shadow, canary), version and id")
        .register(registry);
    serving.register(rows(this.serving.current()), true);
    this.serving.onServe(assignment -> serving.register(rows(assignment), true));
  }

  private static List<MultiGauge.Row<?>> rows(ModelAssignment assignment) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    rows.add(row("champion", assignment.champion()));
    assignment.challenger().ifPresent(c -> rows.add(row(c.mode().name(), c.model())));
    return rows;
  }

  private static MultiGauge.Row<?> row(String role, SentimentModel model) {
    return MultiGauge.Row.of(Tags.of("role", role, "version", model.lineage().version(), "id", model.lineage().id()),
        1);
  }
}
