package io.feedbackpulse.topology;

import io.feedbackpulse.avro.ChallengeMode;
import io.feedbackpulse.avro.ComparisonKind;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ItemComparison;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.streams.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The challenger's part of a batch: it scores, in one call, the items its share takes (by {@link ItemRouting},
 * among those the champion scored), each such item gets a comparison, and in canary mode the challenger's result
 * is the one served. The champion scores every item in both modes, so a canary item's comparison is there too
 * and a challenger that fails leaves the champion's result to serve: the batch is never lost to the challenger.
 */
final class Challenge {
  private static final Logger log = LoggerFactory.getLogger(Challenge.class);

  private final BatchScorers.ChallengerScorer challenger;

  Challenge(BatchScorers.ChallengerScorer challenger) {
    this.challenger = challenger;
  }

  /** Whether the challenger scores this item, whose model cost then counts twice. */
  boolean takes(Feedback item) {
    return ItemRouting.toChallenger(item.getId(), challenger.share());
  }

  List<ScoringResult> apply(List<PendingRecord> batch, List<Outcome<ScoredFeedback>> championOutcomes) {
    List<Integer> taken = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      if (championOutcomes.get(i).ok() && takes(batch.get(i).feedback())) {
        taken.add(i);
      }
    }
    List<ScoringResult> results = new ArrayList<>(championOutcomes.stream().map(ScoringResult::of).toList());
    if (taken.isEmpty()) {
      return results;
    }
    List<ScoredFeedback> challenged;
    try {
      challenged = challenger.scorer().score(taken.stream().map(i -> batch.get(i).feedback()).toList(),
          taken.stream().map(i -> batch.get(i).arrivedAtMillis()).toList());
    } catch (ModelClosedException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("The {} challenger failed on {} items of a batch; the champion serves them, uncompared: {}",
          challenger.mode(), taken.size(), e.toString());
      return results;
    }
    boolean canary = challenger.mode() == ChallengeMode.canary;
    for (int k = 0; k < taken.size(); k++) {
      int i = taken.get(k);
      ScoredFeedback champion = championOutcomes.get(i).value();
      ScoredFeedback other = challenged.get(k);
      results.set(i, new ScoringResult(canary ? Outcome.of(other) : championOutcomes.get(i),
          Optional.of(comparison(champion, other, canary))));
    }
    return results;
  }

  private ModelComparison comparison(ScoredFeedback champion, ScoredFeedback challenged, boolean canary) {
    return ModelComparison.newBuilder()
        .setKind(ComparisonKind.item)
        .setChannel(champion.getFeedback().getChannel())
        .setMode(challenger.mode())
        .setChampion(champion.getModel())
        .setChallenger(challenged.getModel())
        .setItem(ItemComparison.newBuilder()
            .setId(champion.getFeedback().getId())
            .setChampionLabel(champion.getLabel())
            .setChampionProbabilities(champion.getProbabilities())
            .setChallengerLabel(challenged.getLabel())
            .setChallengerProbabilities(challenged.getProbabilities())
            .setServed(canary ? "challenger" : "champion")
            .setScoredAt(challenged.getTimings().getScoredAt())
            .build())
        .build();
  }
}
