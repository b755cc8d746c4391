package io.feedbackpulse.streams;

import io.feedbackpulse.alert.AlertRoutes;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import java.util.ArrayList;
import java.util.List;

/**
 * The topics of the service other than the channel topics: its outputs, and the labels topic it reads ground
 * truth from.
 *
 * @param alertRoutes the topics alerts also go to by their first reason (alerts.routes), outputs too
 */
public record TopicNames(String scored, String alerts, String deadLetter, String distribution, String drift,
    String labels, String labelled, String quality, String review, String cases, String models,
    String modelComparison, String modelRefusals, String pipelineRuns, AlertRoutes alertRoutes) {

  public TopicNames {
    List<String> named = List.of(scored, alerts, deadLetter, distribution, drift, labels, labelled, quality, review,
        cases, models, modelComparison, modelRefusals, pipelineRuns);
    for (String routed : alertRoutes.topics()) {
      if (named.contains(routed)) {
        throw new SettingsException(AlertRoutes.SETTING + ": '" + routed
            + "' is already one of the service's topics; a route needs a topic of its own");
      }
    }
  }

  /** The key of the records about every channel together (windows, quality, comparisons). */
  public static final String ALL_CHANNELS = "all";

  /** {@code topics.partitions}, checked: what the service creates topics and sizes its keyed internal topics with. */
  public static int partitions(Settings s) {
    int partitions = s.integer("topics.partitions");
    if (partitions < 1) {
      throw new SettingsException("topics.partitions must be at least 1, got " + partitions);
    }
    return partitions;
  }

  public static TopicNames from(Settings s) {
    return new TopicNames(s.string("topic.scored"), s.string("topic.alerts"), s.string("topic.dead-letter"),
        s.string("topic.distribution"), s.string("topic.drift"), s.string("topic.labels"),
        s.string("topic.labelled"), s.string("topic.quality"), s.string("topic.review"), s.string("topic.cases"),
        s.string("topic.models"), s.string("topic.model-comparison"), s.string("topic.model-refusals"),
        s.string("topic.pipeline-runs"), AlertRoutes.parse(s.string(AlertRoutes.SETTING)));
  }

  public List<String> all() {
    return withRoutes(List.of(scored, alerts, deadLetter, distribution, drift, labels, labelled, quality, review,
        cases, models, modelComparison, modelRefusals, pipelineRuns));
  }

  /**
   * The topics the topology writes: everything but the labels it reads, the registry the models command writes and
   * the pipeline's runs.
   */
  public List<String> outputs() {
    return withRoutes(List.of(scored, alerts, deadLetter, distribution, drift, labelled, quality, review, cases,
        modelComparison));
  }

  private List<String> withRoutes(List<String> topics) {
    List<String> all = new ArrayList<>(topics);
    all.addAll(alertRoutes.topics());
    return List.copyOf(all);
  }

  /** The topics that keep the latest record per key (cleanup.policy=compact) rather than a history. */
  public List<String> compacted() {
    return List.of(cases, models, modelRefusals, pipelineRuns);
  }
}
