package io.feedbackpulse.bench;

import io.feedbackpulse.reasons.ReasonQuery;
import io.feedbackpulse.reasons.ReasonScorer;
import java.util.List;

/**
 * What giving alerts their complaint reasons costs: each batch's alerts (their texts and their explanations' top
 * sentences) in one encoder call, as the batch step makes it, timed after a warm-up call.
 */
public final class ReasonsBench {

  /** @param tokens encoder tokens of the alerts' texts and sentences */
  public record Result(int alerts, int calls, int tokens, double seconds) {
    /** Mean microseconds of one alert's reasons; 0 without alerts. */
    public double microsPerAlert() {
      return alerts == 0 ? 0 : seconds * 1e6 / alerts;
    }
  }

  private final ReasonScorer scorer;

  public ReasonsBench(ReasonScorer scorer) {
    this.scorer = scorer;
  }

  /** @param alertBatches each batch's alerts; empty batches are left out */
  public Result run(List<List<ReasonQuery>> alertBatches) {
    List<List<ReasonQuery>> batches = alertBatches.stream().filter(b -> !b.isEmpty()).toList();
    if (batches.isEmpty()) {
      return new Result(0, 0, 0, 0);
    }
    scorer.reasons(batches.get(0)); // JIT and ONNX warm-up
    int alerts = 0;
    int tokens = 0;
    long nanos = 0;
    for (List<ReasonQuery> batch : batches) {
      long start = System.nanoTime();
      scorer.reasons(batch);
      nanos += System.nanoTime() - start;
      alerts += batch.size();
      tokens += scorer.tokens(batch);
    }
    return new Result(alerts, batches.size(), tokens, nanos / 1e9);
  }
}
