package io.feedbackpulse.pipeline;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import io.feedbackpulse.models.ModelStoreUpload;
import io.feedbackpulse.training.BackgroundPriority;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code pipeline.*} settings. */
public record PipelineOptions(int minRows, int trainEpochs, Duration trainBudget, int trainThreads, int nice,
    ReplaySample.Options replay, List<Path> evalSets, Path modelStore, Optional<ModelStoreUpload> upload,
    Rollout rollout, CanaryRollout.Options canary) {

  /** What the run does with a candidate that passed every gate. */
  public enum Rollout {
    /** Champion at once, through the gate's verdict. */
    PROMOTE,
    /** Challenger in shadow beside the champion: scored, not served; a person promotes it. */
    SHADOW_ONLY,
    /** Served to growing shares while its live agreement with the champion holds ({@link CanaryRollout}). */
    CANARY;

    static Rollout parse(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "promote" -> PROMOTE;
        case "shadow-only" -> SHADOW_ONLY;
        case "canary" -> CANARY;
        default -> throw new SettingsException("pipeline.rollout must be canary, promote or shadow-only, got '"
            + value + "'");
      };
    }
  }

  public static PipelineOptions from(Settings s) {
    int minRows = s.integer("pipeline.checks.min-rows");
    if (minRows < 1) {
      throw new SettingsException("pipeline.checks.min-rows must be at least 1, got " + minRows);
    }
    int trainThreads = s.integer("pipeline.train.threads");
    if (trainThreads < 1) {
      throw new SettingsException("pipeline.train.threads must be at least 1, got " + trainThreads);
    }
    int nice = s.integer("pipeline.nice");
    if (nice < 0 || nice > BackgroundPriority.LOWEST) {
      throw new SettingsException("pipeline.nice must be 0 (the service's own priority) to "
          + BackgroundPriority.LOWEST + " (the lowest), got " + nice);
    }
    int replayRows = s.integer("pipeline.train.replay-rows");
    if (replayRows < 0) {
      throw new SettingsException("pipeline.train.replay-rows must be 0 (no replay) or more, got " + replayRows);
    }
    Path store = Path.of(s.string("pipeline.model-store"));
    return new PipelineOptions(minRows, s.integer("pipeline.train.epochs"), s.duration("pipeline.train.max-duration"),
        trainThreads, nice, new ReplaySample.Options(replayRows, store, Path.of(s.string("pipeline.train.replay-dir"))),
        s.list("pipeline.eval-sets").stream().map(Path::of).toList(), store, upload(s),
        Rollout.parse(s.string("pipeline.rollout")), canary(s));
  }

  private static Optional<ModelStoreUpload> upload(Settings s) {
    String url = s.string("pipeline.model-store.publish").trim();
    if (url.isEmpty()) {
      return Optional.empty();
    }
    String token = s.string("pipeline.model-store.publish-token").trim();
    Duration timeout = s.duration("models.fetch-timeout");
    try {
      return Optional.of(new ModelStoreUpload(new URI(url), token.isEmpty() ? Optional.empty() : Optional.of(token),
          timeout));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new SettingsException("pipeline.model-store.publish must be an http(s) URL, got '" + url + "'");
    }
  }

  private static CanaryRollout.Options canary(Settings s) {
    List<Double> steps = new ArrayList<>();
    for (String step : s.list("pipeline.canary.steps")) {
      try {
        steps.add(Double.parseDouble(step));
      } catch (NumberFormatException e) {
        throw new SettingsException("pipeline.canary.steps must be shares such as 0.1,0.5,1.0, got '" + step + "'");
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      boolean rising = i == 0 ? steps.get(i) > 0 : steps.get(i) > steps.get(i - 1);
      if (!rising || steps.get(i) > 1.0) {
        throw new SettingsException("pipeline.canary.steps must rise from above 0 to 1.0, got "
            + s.string("pipeline.canary.steps"));
      }
    }
    if (steps.isEmpty() || steps.get(steps.size() - 1) != 1.0) {
      throw new SettingsException("pipeline.canary.steps must end with 1.0 (the promotion), got "
          + s.string("pipeline.canary.steps"));
    }
    long minLabelled = s.wholeNumber("pipeline.canary.min-labelled");
    if (minLabelled < 1) {
      throw new SettingsException("pipeline.canary.min-labelled must be at least 1, got " + minLabelled);
    }
    return new CanaryRollout.Options(List.copyOf(steps), s.wholeNumber("pipeline.canary.min-items"),
        s.duration("pipeline.canary.max-wait"), s.duration("pipeline.canary.poll-interval"),
        s.decimal("models.gate.min-agreement"), minLabelled,
        s.decimal("models.gate.max-regression"));
  }
}
