package io.feedbackpulse.streams;

import io.feedbackpulse.config.Settings;
import java.util.List;

/**
 * The topics of the service other than the channel topics: its outputs, and the labels topic it reads ground
 * truth from.
 */
public record TopicNames(String scored, String alerts, String deadLetter, String distribution, String drift,
    String labels, String labelled, String quality, String review, String cases, String models,
    String modelComparison, String modelRefusals, String pipelineRuns) {

  /** The key of the records about every channel together (windows, quality, comparisons). */
  public static final String ALL_CHANNELS = "all";

  public static TopicNames from(Settings s) {
    return new TopicNames(s.string("topic.scored"), s.string("topic.alerts"), s.string("topic.dead-letter"),
        s.string("topic.distribution"), s.string("topic.drift"), s.string("topic.labels"),
        s.string("topic.labelled"), s.string("topic.quality"), s.string("topic.review"), s.string("topic.cases"),
        s.string("topic.models"), s.string("topic.model-comparison"), s.string("topic.model-refusals"),
        s.string("topic.pipeline-runs"));
  }

  public List<String> all() {
    return List.of(scored, alerts, deadLetter, distribution, drift, labels, labelled, quality, review, cases, models,
        modelComparison, modelRefusals, pipelineRuns);
  }

  /**
   * The topics the topology writes: everything but the labels it reads, the registry the models command writes and
   * the pipeline's runs.
   */
  public List<String> outputs() {
    return List.of(scored, alerts, deadLetter, distribution, drift, labelled, quality, review, cases, modelComparison);
  }

  /** The topics that keep the latest record per key (cleanup.policy=compact) rather than a history. */
  public List<String> compacted() {
    return List.of(cases, models, modelRefusals, pipelineRuns);
  }
}
