package io.feedbackpulse.demo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training pipeline's settings for {@code demo --autopilot}, sized so that a run starts, trains and rolls out
 * within minutes of sample traffic, not after the days of labels a deployment's defaults wait for.
 */
public final class AutopilotSettings {
  /** The share of the unrated channels' items that the demo's agents label. */
  public static final double LABELLED_SHARE = 0.5;

  private AutopilotSettings() {}

  /** The pipeline's sizes; the model store is the demo's temporary directory ({@link #modelStore}). */
  public static Map<String, String> of() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("pipeline.trigger.min-new-labels", "300");
    // Labels alone start a run: a quality event about the served default comes within a minute of the traffic,
    // before the agents' labels fill a snapshot the checks pass, and its run, refused, would take one of the demo's.
    s.put("pipeline.trigger.events", "");
    s.put("pipeline.checks.min-rows", "200");
    s.put("pipeline.watch.interval", "PT10S");
    s.put("pipeline.train.max-duration", "PT10M");
    s.put("pipeline.rollout", "canary");
    s.put("pipeline.canary.steps", "0.5,1.0");
    s.put("pipeline.canary.min-items", "20");
    s.put("pipeline.canary.max-wait", "PT3M");
    s.put("pipeline.canary.poll-interval", "PT2S");
    return s;
  }

  /** Where runs write their snapshots and models: under the broker's data directory, deleted with it. */
  public static Map<String, String> modelStore(Path brokerDataDir) {
    return Map.of("pipeline.model-store", brokerDataDir.resolve("pipeline-store").toString());
  }
}
