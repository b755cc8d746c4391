package io.feedbackpulse.pipeline;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The {@code pipeline.*} settings. */
public record PipelineOptions(int minRows, int trainEpochs, Duration trainBudget, List<Path> evalSets,
    Path modelStore, Rollout rollout) {

  /** What the run does with a candidate that passed every gate. */
  public enum Rollout {
    /** Champion at once, through the gate's verdict. */
    PROMOTE,
    /** Challenger in shadow beside the champion: scored, not served; a person promotes it. */
    SHADOW_ONLY;

    static Rollout parse(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "promote" -> PROMOTE;
        case "shadow-only" -> SHADOW_ONLY;
        case "canary" -> throw new SettingsException("pipeline.rollout=canary is not built yet (a canary stepped by "
            + "live evidence); use promote or shadow-only");
        default -> throw new SettingsException("pipeline.rollout must be promote or shadow-only, got '" + value + "'");
      };
    }
  }

  public static PipelineOptions from(Settings s) {
    int minRows = s.integer("pipeline.checks.min-rows");
    if (minRows < 1) {
      throw new SettingsException("pipeline.checks.min-rows must be at least 1, got " + minRows);
    }
    return new PipelineOptions(minRows, s.integer("pipeline.train.epochs"), s.duration("pipeline.train.max-duration"),
        s.list("pipeline.eval-sets").stream().map(Path::of).toList(), Path.of(s.string("pipeline.model-store")),
        Rollout.parse(s.string("pipeline.rollout")));
  }
}
