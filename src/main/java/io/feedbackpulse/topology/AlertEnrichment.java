package io.feedbackpulse.topology;

import io.feedbackpulse.alert.AlertBuilder;
import io.feedbackpulse.alert.PiiRedactor;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.explain.AlertExplainer;
import io.feedbackpulse.explain.ExplainBudget;
import io.feedbackpulse.explain.ExplainOptions;
import io.feedbackpulse.explain.Explainer;
import io.feedbackpulse.explain.ExplanationRecords;
import io.feedbackpulse.inference.BatchScorer;
import io.feedbackpulse.inference.BatchStage;
import io.feedbackpulse.inference.ModelLineage;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.inference.StageTimings;
import io.feedbackpulse.models.ModelLease;
import io.feedbackpulse.models.ServingModels;
import io.feedbackpulse.reasons.AlertReasons;
import io.feedbackpulse.reasons.ReasonScorer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What a batch of alerts the model read as negative is given after scoring: an explanation by the champion serving
 * now (for the items it scored; a canary's or an earlier champion's go unexplained, as an explanation is of one
 * model), then complaint reasons (for all of them: the reasons' encoder is not the sentiment model).
 */
final class AlertEnrichment implements UnaryOperator<List<ScoredFeedback>> {
  private final ServingModels models;
  private final Function<SentimentModel, BatchScorer> scorerOf;
  private final ExplainOptions explain;
  private final ExplainBudget budget;
  private final ExplanationRecords records;
  private final Optional<AlertReasons> reasons;
  private final AlertBuilder alerts;
  private final int maxTokens;
  private final StageTimings timings;

  /**
   * @param scorerOf the scorer of a model, for the text it reads of an item
   * @param maxTokens the most model tokens one call may spend ({@code batch.max-tokens})
   * @param timings told how long explaining and giving reasons took, each batch
   */
  AlertEnrichment(ServingModels models, Function<SentimentModel, BatchScorer> scorerOf, ExplainOptions explain,
      Optional<ReasonScorer> reasons, AlertBuilder alerts, PiiRedactor redactor, int maxTokens,
      StageTimings timings) {
    this.models = models;
    this.scorerOf = scorerOf;
    this.explain = explain;
    this.budget = ExplainBudget.of(explain);
    this.records = new ExplanationRecords(redactor::redact, explain.topSentences(), explain.topWords());
    this.reasons = reasons.map(r -> new AlertReasons(r, maxTokens));
    this.alerts = alerts;
    this.maxTokens = maxTokens;
    this.timings = timings;
  }

  /**
   * Whether an item goes to the worker: only alerts read as negative get an explanation or reasons, so those are
   * all {@link #apply} is given.
   */
  boolean needsWork(ScoredFeedback scored) {
    return (explain.enabled() || reasons.isPresent()) && alerts.readAsNegative(scored);
  }

  @Override
  public List<ScoredFeedback> apply(List<ScoredFeedback> batch) {
    try (ModelLease lease = models.lease()) {
      SentimentModel champion = lease.assignment().champion();
      BatchScorer scorer = scorerOf.apply(champion);
      List<String> texts = batch.stream().map(s -> scorer.textRead(s.getFeedback())).toList();
      List<ScoredFeedback> explained = batch;
      if (explain.enabled()) {
        AlertExplainer explainer = new AlertExplainer(new Explainer(champion, explain), scoredBy(champion.lineage()),
            records, maxTokens, budget);
        explained = timed(BatchStage.EXPLAIN, () -> explainer.explain(batch, texts));
      }
      List<ScoredFeedback> toReason = explained;
      return reasons.isEmpty() ? explained
          : timed(BatchStage.REASONS, () -> reasons.get().withReasons(toReason, texts));
    }
  }

  private List<ScoredFeedback> timed(BatchStage stage, Supplier<List<ScoredFeedback>> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      timings.batchStage(stage, System.nanoTime() - start);
    }
  }

  private static Predicate<ScoredFeedback> scoredBy(ModelLineage model) {
    return s -> s.getModel() != null && Objects.equals(s.getModel().getId(), model.id())
        && Objects.equals(s.getModel().getVersion(), model.version());
  }
}
