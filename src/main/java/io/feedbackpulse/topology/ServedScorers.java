package io.feedbackpulse.topology;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.inference.BatchScorer;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.models.ModelAssignment;
import io.feedbackpulse.models.ModelLease;
import io.feedbackpulse.models.ServingModels;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Scorers over the models {@link ServingModels} serves, leased per batch.
 *
 * <p>With a challenger on traffic, the champion's scorer costs each item the challenger takes the work of both
 * models: that cost is what the batch step fills {@code batch.max-tokens} with, so one transaction's model work
 * stays within {@code batch.max-tokens}.
 */
final class ServedScorers implements BatchScorers.Source {
  private final ServingModels models;
  private final Function<SentimentModel, BatchScorer> scorerOf;

  /** @param scorerOf the scorer of a model */
  ServedScorers(ServingModels models, Function<SentimentModel, BatchScorer> scorerOf) {
    this.models = models;
    this.scorerOf = scorerOf;
  }

  @Override
  public BatchScorers lease() {
    ModelLease lease = models.lease();
    ModelAssignment assignment = lease.assignment();
    Optional<BatchScorers.ChallengerScorer> challenger = assignment.challenger().map(c ->
        new BatchScorers.ChallengerScorer(scorerOf.apply(c.model()), c.mode(), c.share()));
    BatchScorer championAlone = scorerOf.apply(assignment.champion());
    BatchScorer champion =
        challenger.<BatchScorer>map(c -> new WithChallengerWork(championAlone, c)).orElse(championAlone);
    return new BatchScorers() {
      @Override
      public BatchScorer champion() {
        return champion;
      }

      @Override
      public Optional<ChallengerScorer> challenger() {
        return challenger;
      }

      @Override
      public void close() {
        lease.close();
      }
    };
  }

  /** The champion's scorer, costing each item also the challenger's work on it when the challenger takes it. */
  private record WithChallengerWork(BatchScorer champion, BatchScorers.ChallengerScorer challenger)
      implements BatchScorer {
    @Override
    public List<ScoredFeedback> score(List<Feedback> items, List<Long> arrivedAtMillis) {
      return champion.score(items, arrivedAtMillis);
    }

    @Override
    public int cost(Feedback item) {
      return champion.cost(item) + (new Challenge(challenger).takes(item) ? challenger.scorer().cost(item) : 0);
    }

    @Override
    public String textRead(Feedback item) {
      return champion.textRead(item);
    }
  }
}
