package io.feedbackpulse.explain;

import io.feedbackpulse.avro.Explanation;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.inference.BatchScorer;
import io.feedbackpulse.inference.BatchStage;
import io.feedbackpulse.inference.StageTimings;
import io.feedbackpulse.inference.ModelClosedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a batch, then explains in one more model call the items that will alert (only those: alerts are a
 * minority, and an explanation costs several times an item's scoring). A failure to explain is not the items'
 * fault: they go on unexplained, and the failure is logged.
 *
 * <p>Explaining spends what the batch's scoring left of {@code batch.max-tokens} (and at most
 * {@code explain.max-tokens}), so one transaction's model work stays within {@code batch.max-tokens}, the bound
 * that keeps it inside the exactly-once transaction timeout: a batch that scoring filled (a backlog of long
 * texts) goes unexplained, a small one, as in steady traffic, is explained in full while the instance's
 * {@link ExplainBudget} (explain.tokens-per-second) holds enough, and less deeply once steady alerts drain it.
 */
public final class ExplainingScorer implements BatchScorer {
  private static final Logger log = LoggerFactory.getLogger(ExplainingScorer.class);

  private final BatchScorer scorer;
  private final Explainer explainer;
  private final Predicate<ScoredFeedback> explainIf;
  private final ExplanationRecords records;
  private final int batchMaxTokens;
  private final ExplainBudget budget;
  private final StageTimings timings;

  /**
   * @param batchMaxTokens {@code batch.max-tokens}: the model work one batch may cost, scoring and explaining
   * @param budget what explaining may spend over time, shared by the instance's scorers
   */
  public ExplainingScorer(BatchScorer scorer, Explainer explainer, Predicate<ScoredFeedback> explainIf,
      ExplanationRecords records, int batchMaxTokens, ExplainBudget budget) {
    this(scorer, explainer, explainIf, records, batchMaxTokens, budget, StageTimings.NONE);
  }

  /** @param timings told how long explaining each batch's alerts took */
  public ExplainingScorer(BatchScorer scorer, Explainer explainer, Predicate<ScoredFeedback> explainIf,
      ExplanationRecords records, int batchMaxTokens, ExplainBudget budget, StageTimings timings) {
    this.timings = timings;
    this.scorer = scorer;
    this.explainer = explainer;
    this.explainIf = explainIf;
    this.records = records;
    this.batchMaxTokens = batchMaxTokens;
    this.budget = budget;
  }

  @Override
  public List<ScoredFeedback> score(List<Feedback> items, List<Long> arrivedAtMillis) {
    List<ScoredFeedback> scored = scorer.score(items, arrivedAtMillis);
    long start = System.nanoTime();
    try {
      return explained(items, scored);
    } finally {
      timings.batchStage(BatchStage.EXPLAIN, System.nanoTime() - start);
    }
  }

  private List<ScoredFeedback> explained(List<Feedback> items, List<ScoredFeedback> scored) {
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      if (explainIf.test(scored.get(i))) {
        chosen.add(i);
      }
    }
    if (chosen.isEmpty()) {
      return scored;
    }
    List<String> texts = chosen.stream().map(i -> scorer.textRead(items.get(i))).toList();
    List<Optional<TextExplanation>> explained;
    try {
      explained = explainer.explain(texts,
          chosen.stream().map(i -> scored.get(i).getProbabilities().getNegative()).toList(),
          Math.min(leftOver(items), budget.available()));
    } catch (ModelClosedException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("Could not explain {} alerts of a batch; they go on without an explanation: {}", chosen.size(),
          e.toString());
      return scored;
    }
    budget.spend(explained.stream().flatMap(Optional::stream).mapToInt(TextExplanation::modelTokens).sum());
    List<ScoredFeedback> out = new ArrayList<>(scored);
    for (int k = 0; k < chosen.size(); k++) {
      int i = chosen.get(k);
      String text = texts.get(k);
      explained.get(k).ifPresent(e -> {
        Explanation record = records.of(text, e);
        out.set(i, ScoredFeedback.newBuilder(scored.get(i)).setExplanation(record).build());
      });
    }
    return out;
  }

  /** What scoring the batch left of batch.max-tokens; its items were scored, so their costs can be told. */
  private int leftOver(List<Feedback> items) {
    long used = 0;
    for (Feedback item : items) {
      used += scorer.cost(item);
    }
    return (int) Math.max(0, batchMaxTokens - used);
  }

  @Override
  public int cost(Feedback item) {
    return scorer.cost(item);
  }

  @Override
  public String textRead(Feedback item) {
    return scorer.textRead(item);
  }
}
