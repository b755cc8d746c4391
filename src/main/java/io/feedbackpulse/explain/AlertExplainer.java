package io.feedbackpulse.explain;

import io.feedbackpulse.avro.Explanation;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.inference.ModelClosedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains a batch of alerts, after their scores were committed, in one more model call: only those {@code
 * explainIf} picks (the ones the model explaining scored). A failure to explain is not the items' fault: they go on
 * unexplained, and the failure is logged.
 *
 * <p>One call spends at most {@code maxTokens} ({@code batch.max-tokens}, which bounds any one model call) and what
 * the instance's {@link ExplainBudget} ({@code explain.max-tokens} refilled at {@code explain.tokens-per-second})
 * holds: alerts are explained in full while it lasts, and less deeply once steady alerts drain it.
 */
public final class AlertExplainer {
  private static final Logger log = LoggerFactory.getLogger(AlertExplainer.class);

  private final Explainer explainer;
  private final Predicate<ScoredFeedback> explainIf;
  private final ExplanationRecords records;
  private final int maxTokens;
  private final ExplainBudget budget;

  /**
   * @param maxTokens the most model tokens one call may spend
   * @param budget what explaining may spend over time, shared by the instance's batches
   */
  public AlertExplainer(Explainer explainer, Predicate<ScoredFeedback> explainIf, ExplanationRecords records,
      int maxTokens, ExplainBudget budget) {
    this.explainer = explainer;
    this.explainIf = explainIf;
    this.records = records;
    this.maxTokens = maxTokens;
    this.budget = budget;
  }

  /**
   * @param texts the text the model read of each alert (the part in a language it reads), in the alerts' order
   * @return the alerts, those explained with their explanation
   */
  public List<ScoredFeedback> explain(List<ScoredFeedback> alerts, List<String> texts) {
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      if (explainIf.test(alerts.get(i))) {
        chosen.add(i);
      }
    }
    if (chosen.isEmpty()) {
      return alerts;
    }
    List<String> chosenTexts = chosen.stream().map(texts::get).toList();
    List<Optional<TextExplanation>> explained;
    try {
      explained = explainer.explain(chosenTexts,
          chosen.stream().map(i -> alerts.get(i).getProbabilities().getNegative()).toList(),
          Math.min(maxTokens, budget.available()));
    } catch (ModelClosedException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("Could not explain {} alerts; they go on without an explanation: {}", chosen.size(), e.toString());
      return alerts;
    }
    budget.spend(explained.stream().flatMap(Optional::stream).mapToInt(TextExplanation::modelTokens).sum());
    List<ScoredFeedback> out = new ArrayList<>(alerts);
    for (int k = 0; k < chosen.size(); k++) {
      int i = chosen.get(k);
      String text = chosenTexts.get(k);
      explained.get(k).ifPresent(e -> {
        Explanation record = records.of(text, e);
        out.set(i, ScoredFeedback.newBuilder(alerts.get(i)).setExplanation(record).build());
      });
    }
    return out;
  }
}
