package io.feedbackpulse.topology;

import io.feedbackpulse.config.Settings;
import java.util.List;

/** The output topics of the service (input topics belong to the channel definitions). */
public record TopicNames(String scored, String alerts, String deadLetter, String distribution, String drift,
    String cases) {

  public static TopicNames from(Settings s) {
    return new TopicNames(s.string("topic.scored"), s.string("topic.alerts"), s.string("topic.dead-letter"),
        s.string("topic.distribution"), s.string("topic.drift"), s.string("topic.cases"));
  }

  public List<String> all() {
    return List.of(scored, alerts, deadLetter, distribution, drift, cases);
  }

  /** The topics that keep the latest record per key (cleanup.policy=compact) rather than a history. */
  public List<String> compacted() {
    return List.of(cases);
  }
}
