package io.feedbackpulse.explain;

import io.feedbackpulse.avro.Explanation;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.inference.BatchScorer;
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
 */
public final class ExplainingScorer implements BatchScorer {
  private static final Logger log = LoggerFactory.getLogger(ExplainingScorer.class);

  private final BatchScorer scorer;
  private final Explainer explainer;
  private final Predicate<ScoredFeedback> explainIf;
  private final ExplanationRecords records;

  public ExplainingScorer(BatchScorer scorer, Explainer explainer, Predicate<ScoredFeedback> explainIf,
      ExplanationRecords records) {
    this.scorer = scorer;
    this.explainer = explainer;
    this.explainIf = explainIf;
    this.records = records;
  }

  @Override
  public List<ScoredFeedback> score(List<Feedback> items, List<Long> arrivedAtMillis) {
    List<ScoredFeedback> scored = scorer.score(items, arrivedAtMillis);
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      if (explainIf.test(scored.get(i))) {
        chosen.add(i);
      }
    }
    if (chosen.isEmpty()) {
      return scored;
    }
    List<String> texts = chosen.stream().map(i -> items.get(i).getText()).toList();
    List<Optional<TextExplanation>> explained;
    try {
      explained = explainer.explain(texts,
          chosen.stream().map(i -> scored.get(i).getProbabilities().getNegative()).toList());
    } catch (ModelClosedException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("Could not explain {} alerts of a batch; they go on without an explanation: {}", chosen.size(),
          e.toString());
      return scored;
    }
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

  @Override
  public int cost(Feedback item) {
    return scorer.cost(item);
  }
}
