package io.feedbackpulse.topology;

import io.feedbackpulse.avro.ChallengeMode;
import io.feedbackpulse.inference.BatchScorer;
import java.util.Optional;

/**
 * The scorers of one batch, from the models it leased: the champion's, and the challenger's while one is on
 * traffic. Closing releases the lease; a swap meanwhile does not change them.
 */
public interface BatchScorers extends AutoCloseable {
  BatchScorer champion();

  Optional<ChallengerScorer> challenger();

  @Override
  void close();

  /**
   * @param share shadow: the share of items the challenger also scores; canary: the share it serves
   */
  record ChallengerScorer(BatchScorer scorer, ChallengeMode mode, double share) {}

  /** Where a batch step gets its scorers: once per batch, and once per item to tell its cost. */
  @FunctionalInterface
  interface Source {
    BatchScorers lease();

    /** Always the one scorer, with nothing to release: for a model whose owner outlives the topology. */
    static Source of(BatchScorer scorer) {
      BatchScorers only = new BatchScorers() {
        @Override
        public BatchScorer champion() {
          return scorer;
        }

        @Override
        public Optional<ChallengerScorer> challenger() {
          return Optional.empty();
        }

        @Override
        public void close() {}
      };
      return () -> only;
    }
  }
}
