package io.feedbackpulse.topology;

import io.feedbackpulse.avro.ChallengeMode;
import io.feedbackpulse.inference.BatchScorer;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.models.ModelAssignment;
import io.feedbackpulse.models.ModelLease;
import io.feedbackpulse.models.ServingModels;
import java.util.Optional;
import java.util.function.Function;

/**
 * Scorers over the models {@link ServingModels} serves, leased per batch. A shadow challenger's results are only
 * compared, so it scores without the extras a served result gets (explanations).
 */
final class ServedScorers implements BatchScorers.Source {
  private final ServingModels models;
  private final Function<SentimentModel, BatchScorer> servedScorer;
  private final Function<SentimentModel, BatchScorer> comparedScorer;

  /**
   * @param servedScorer the scorer of a model whose results feedback.scored carries
   * @param comparedScorer the scorer of a shadow challenger
   */
  ServedScorers(ServingModels models, Function<SentimentModel, BatchScorer> servedScorer,
      Function<SentimentModel, BatchScorer> comparedScorer) {
    this.models = models;
    this.servedScorer = servedScorer;
    this.comparedScorer = comparedScorer;
  }

  @Override
  public BatchScorers lease() {
    ModelLease lease = models.lease();
    ModelAssignment assignment = lease.assignment();
    BatchScorer champion = servedScorer.apply(assignment.champion());
    Optional<BatchScorers.ChallengerScorer> challenger = assignment.challenger().map(c ->
        new BatchScorers.ChallengerScorer(
            (c.mode() == ChallengeMode.canary ? servedScorer : comparedScorer).apply(c.model()), c.mode(), c.share()));
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
}
