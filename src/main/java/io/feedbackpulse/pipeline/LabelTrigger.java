package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.PipelineRun;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When {@code pipeline watch} starts a run: once {@code pipeline.trigger.min-new-labels} items have been labelled
 * since the later of the champion's registration and the newest run's start. Counting from the newest run too keeps
 * a refused run from being started again and again on the same labels.
 */
public final class LabelTrigger {
  private final int minNewLabels;

  /** @param minNewLabels {@code pipeline.trigger.min-new-labels} */
  public LabelTrigger(int minNewLabels) {
    this.minNewLabels = minNewLabels;
  }

  /** Labels count from this time on. */
  public static Instant since(Optional<ModelManifest> champion, List<PipelineRun> runs) {
    Instant champions = champion.map(ModelManifest::getRegisteredAt).orElse(Instant.EPOCH);
    Instant newestRun = runs.stream().map(PipelineRun::getStartedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
    return champions.isAfter(newestRun) ? champions : newestRun;
  }

  /** Why a run starts now, in words; empty while too few items were labelled since {@code since}. */
  public Optional<String> fire(List<LabelledFeedback> items, Instant since) {
    long fresh = items.stream().filter(i -> i.getLabeledAt().isAfter(since)).count();
    return fresh >= minNewLabels ? Optional.of(fresh + " labels since " + since + " (pipeline.trigger.min-new-labels "
        + minNewLabels + ")") : Optional.empty();
  }
}
