package io.feedbackpulse.reasons;

import io.feedbackpulse.avro.Explanation;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.ScoredReason;
import io.feedbackpulse.inference.BatchScorer;
import io.feedbackpulse.inference.BatchStage;
import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.inference.StageTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a batch (and its explanations), then gives the items that will alert as negative their complaint
 * reasons, in one more encoder call. The text and the explanation's top sentence are embedded, so this runs after
 * explaining. Its tokens count in {@code batch.max-tokens} after the scoring's and the explanations': items are
 * given reasons in batch order while what is left holds their tokens, and the rest go without, as unexplained
 * items do. A failure is not the items' fault: they go on without reasons, and it is logged.
 */
public final class ReasonsOfAlerts implements BatchScorer {
  private static final Logger log = LoggerFactory.getLogger(ReasonsOfAlerts.class);

  private final BatchScorer scorer;
  private final ReasonScorer reasons;
  private final Predicate<ScoredFeedback> reasonIf;
  private final int batchMaxTokens;
  private final StageTimings timings;

  /**
   * @param scorer the batch's scorer, explaining included
   * @param reasonIf which scored items get reasons: those that alert as negative
   * @param batchMaxTokens {@code batch.max-tokens}: the model work one batch may cost, all of it
   */
  public ReasonsOfAlerts(BatchScorer scorer, ReasonScorer reasons, Predicate<ScoredFeedback> reasonIf,
      int batchMaxTokens) {
    this(scorer, reasons, reasonIf, batchMaxTokens, StageTimings.NONE);
  }

  /** @param timings told how long giving each batch's alerts their reasons took */
  public ReasonsOfAlerts(BatchScorer scorer, ReasonScorer reasons, Predicate<ScoredFeedback> reasonIf,
      int batchMaxTokens, StageTimings timings) {
    this.timings = timings;
    this.scorer = scorer;
    this.reasons = reasons;
    this.reasonIf = reasonIf;
    this.batchMaxTokens = batchMaxTokens;
  }

  @Override
  public List<ScoredFeedback> score(List<Feedback> items, List<Long> arrivedAtMillis) {
    List<ScoredFeedback> scored = scorer.score(items, arrivedAtMillis);
    long start = System.nanoTime();
    try {
      return withReasons(items, scored);
    } finally {
      timings.batchStage(BatchStage.REASONS, System.nanoTime() - start);
    }
  }

  private List<ScoredFeedback> withReasons(List<Feedback> items, List<ScoredFeedback> scored) {
    long left = batchMaxTokens;
    for (int i = 0; i < items.size(); i++) {
      left -= scorer.cost(items.get(i));
      Explanation e = scored.get(i).getExplanation();
      left -= e == null ? 0 : e.getModelTokens();
    }
    List<Integer> chosen = new ArrayList<>();
    List<ReasonQuery> queries = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      if (!reasonIf.test(scored.get(i))) {
        continue;
      }
      ReasonQuery query = new ReasonQuery(scorer.textRead(items.get(i)), topSentence(scored.get(i)));
      int tokens = reasons.tokens(List.of(query));
      if (tokens > left) {
        break;
      }
      left -= tokens;
      chosen.add(i);
      queries.add(query);
    }
    if (chosen.isEmpty()) {
      return scored;
    }
    List<List<ReasonScore>> given;
    try {
      given = reasons.reasons(queries);
    } catch (ModelClosedException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("Could not give reasons to {} alerts of a batch; they go on without: {}", chosen.size(), e.toString());
      return scored;
    }
    List<ScoredFeedback> out = new ArrayList<>(scored);
    for (int k = 0; k < chosen.size(); k++) {
      int i = chosen.get(k);
      out.set(i, ScoredFeedback.newBuilder(scored.get(i)).setReasons(records(given.get(k))).build());
    }
    return out;
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

  @Override
  public int cost(Feedback item) {
    return scorer.cost(item);
  }

  @Override
  public String textRead(Feedback item) {
    return scorer.textRead(item);
  }
}
