package io.feedbackpulse.bench;

import java.util.List;

/** A stage's p50, p95 and p99 in milliseconds over {@code count} samples. */
public record StagePercentiles(int count, double p50, double p95, double p99) {
  static StagePercentiles of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    List<Double> sorted = values.stream().sorted().toList();
    return new StagePercentiles(sorted.size(), at(sorted, 50), at(sorted, 95), at(sorted, 99));
  }

  /** The nearest-rank percentile. */
  private static double at(List<Double> sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
