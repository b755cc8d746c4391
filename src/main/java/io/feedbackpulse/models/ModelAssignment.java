package io.feedbackpulse.models;

import io.feedbackpulse.avro.ChallengeMode;
import io.feedbackpulse.inference.SentimentModel;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The models one batch is scored with: the champion, and the challenger while one is on traffic. Immutable, so a
 * batch that took an assignment scores with it start to finish whatever the registry says meanwhile.
 */
public record ModelAssignment(SentimentModel champion, Optional<Challenger> challenger) {

  /**
   * A challenger on traffic.
   *
   * @param share shadow: the share of items it also scores ({@code models.shadow.sample}); canary: the share of
   *     items it serves (the manifest's trafficShare)
   */
  public record Challenger(SentimentModel model, ChallengeMode mode, double share) {
    public Challenger {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("a challenger's share must be within [0, 1], got " + share);
      }
    }
  }

  public static ModelAssignment championOnly(SentimentModel champion) {
    return new ModelAssignment(champion, Optional.empty());
  }

  Set<SentimentModel> models() {
    return Stream.concat(Stream.of(champion), challenger.stream().map(Challenger::model))
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The version names, for log lines: {@code 2 (champion), 3 (shadow challenger, share 0.1)}. */
  public String describe() {
    return champion.lineage().version() + " (champion)" + challenger
        .map(c -> ", " + c.model().lineage().version() + " (" + c.mode() + " challenger, share " + c.share() + ")")
        .orElse("");
  }
}
