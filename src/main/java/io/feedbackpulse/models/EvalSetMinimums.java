package io.feedbackpulse.models;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.training.LabeledExample;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The least an eval set must hold before the gate measures on it or records figures from it: a macro-F1 on a
 * handful of items (or none: an empty set scores 0 for every model, so any challenger ties the champion) says
 * nothing about a model, and a class with few items makes its F1, and so the macro-F1, mostly noise.
 *
 * @param items {@code models.gate.min-eval-items}: rows with a text and a label
 * @param perClass {@code models.gate.min-per-class}: rows of each label, -1, 0 and 1
 */
public record EvalSetMinimums(int items, int perClass) {

  public static EvalSetMinimums from(Settings s) {
    return new EvalSetMinimums(s.integer("models.gate.min-eval-items"), s.integer("models.gate.min-per-class"));
  }

  /** Why the set is too small to gate on, in one line; empty when it is large enough. */
  public Optional<String> shortfall(EvalSet set) {
    Map<Sentiment, Integer> counts = new EnumMap<>(Sentiment.class);
    for (Sentiment s : Sentiment.values()) {
      counts.put(s, 0);
    }
    for (LabeledExample e : set.examples()) {
      counts.merge(e.label(), 1, Integer::sum);
    }
    List<String> problems = new ArrayList<>();
    int n = set.examples().size();
    if (n < items) {
      problems.add(n + " items, below models.gate.min-eval-items " + items);
    }
    List<String> counted = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    counts.forEach((label, count) -> {
      if (count < perClass) {
        counted.add(count + " " + label.label());
        labels.add(String.valueOf(label.value()));
      }
    });
    if (!counted.isEmpty()) {
      problems.add(String.join(", ", counted) + " (label " + String.join(", ", labels)
          + "), below models.gate.min-per-class " + perClass);
    }
    return problems.isEmpty() ? Optional.empty()
        : Optional.of("eval set " + set.name() + " is too small to gate on: " + String.join("; ", problems));
  }
}
