package io.feedbackpulse.reasons;

import io.feedbackpulse.avro.Explanation;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.ScoredReason;
import io.feedbackpulse.inference.ModelClosedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a batch of alerts (those the model read as negative) their complaint reasons, after they were explained:
 * the text and the explanation's most negative sentence are embedded. Each encoder call spends at most {@code
 * maxTokens} ({@code batch.max-tokens}); a batch that needs more takes several calls, so no alert goes without for
 * want of room. A failure is not the items' fault: they go on without reasons, and it is logged.
 */
public final class AlertReasons {
  private static final Logger log = LoggerFactory.getLogger(AlertReasons.class);

  private final ReasonScorer reasons;
  private final int maxTokens;

  /** @param maxTokens the most encoder tokens one call may spend */
  public AlertReasons(ReasonScorer reasons, int maxTokens) {
    this.reasons = reasons;
    this.maxTokens = maxTokens;
  }

  /** @param texts the text the model read of each alert (the part in a language it reads), in the alerts' order */
  public List<ScoredFeedback> withReasons(List<ScoredFeedback> alerts, List<String> texts) {
    List<ScoredFeedback> out = new ArrayList<>(alerts);
    List<Integer> chosen = new ArrayList<>();
    List<ReasonQuery> queries = new ArrayList<>();
    int tokens = 0;
    for (int i = 0; i < alerts.size(); i++) {
      ReasonQuery query = new ReasonQuery(texts.get(i), topSentence(alerts.get(i)));
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
