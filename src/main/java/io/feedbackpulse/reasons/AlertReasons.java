package io.feedbackpulse.reasons;

import io.feedbackpulse.avro.Explanation;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.ScoredReason;
import io.feedbackpulse.inference.BatchStage;
import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.inference.StageTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a batch of alerts their complaint reasons, after they were explained: the text and the explanation's most
 * negative sentence are embedded. Each encoder call spends at most {@code maxTokens} ({@code batch.max-tokens});
 * a batch that needs more takes several calls, so no alert goes without for want of room. A failure is not the
 * items' fault: they go on without reasons, and it is logged.
 */
public final class AlertReasons {
  private static final Logger log = LoggerFactory.getLogger(AlertReasons.class);

  private final ReasonScorer reasons;
  private final Predicate<ScoredFeedback> reasonIf;
  private final int maxTokens;
  private final StageTimings timings;

  /**
   * @param reasonIf which alerts get reasons: those the model read as negative
   * @param maxTokens the most encoder tokens one call may spend
   * @param timings told how long giving each batch its reasons took
   */
  public AlertReasons(ReasonScorer reasons, Predicate<ScoredFeedback> reasonIf, int maxTokens,
      StageTimings timings) {
    this.reasons = reasons;
    this.reasonIf = reasonIf;
    this.maxTokens = maxTokens;
    this.timings = timings;
  }

  /** @param textRead the text the model read of an item (the part in a language it reads) */
  public List<ScoredFeedback> withReasons(List<ScoredFeedback> alerts, Function<Feedback, String> textRead) {
    long start = System.nanoTime();
    try {
      return given(alerts, textRead);
    } finally {
      timings.batchStage(BatchStage.REASONS, System.nanoTime() - start);
    }
  }

  private List<ScoredFeedback> given(List<ScoredFeedback> alerts, Function<Feedback, String> textRead) {
    List<ScoredFeedback> out = new ArrayList<>(alerts);
    List<Integer> chosen = new ArrayList<>();
    List<ReasonQuery> queries = new ArrayList<>();
    int tokens = 0;
    for (int i = 0; i < alerts.size(); i++) {
      if (!reasonIf.test(alerts.get(i))) {
        continue;
      }
      ReasonQuery query = new ReasonQuery(textRead.apply(alerts.get(i).getFeedback()), topSentence(alerts.get(i)));
      int cost = reasons.tokens(List.of(query));
      if (!chosen.isEmpty() && tokens + cost > maxTokens) {
        give(out, chosen, queries);
        chosen.clear();
        queries.clear();
        tokens = 0;
      }
      chosen.add(i);
      queries.add(query);
      tokens += cost;
    }
    give(out, chosen, queries);
    return out;
  }

  private void give(List<ScoredFeedback> out, List<Integer> chosen, List<ReasonQuery> queries) {
    if (chosen.isEmpty()) {
      return;
    }
    List<List<ReasonScore>> given;
    try {
      given = reasons.reasons(queries);
    } catch (ModelClosedException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("Could not give reasons to {} alerts; they go on without: {}", chosen.size(), e.toString());
      return;
    }
    for (int k = 0; k < chosen.size(); k++) {
      int i = chosen.get(k);
      out.set(i, ScoredFeedback.newBuilder(out.get(i)).setReasons(records(given.get(k))).build());
    }
  }

  /** The explanation's most negative sentence, masked as the explanation holds it. */
  private static Optional<String> topSentence(ScoredFeedback scored) {
    Explanation e = scored.getExplanation();
    return e == null || e.getSentences().isEmpty() ? Optional.empty()
        : Optional.of(e.getSentences().get(0).getText());
  }

  public static List<ScoredReason> records(List<ReasonScore> reasons) {
    return reasons.stream().map(r -> new ScoredReason(r.name(), r.score())).toList();
  }
}
