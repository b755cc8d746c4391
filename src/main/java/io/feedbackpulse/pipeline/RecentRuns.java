package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The latest record of each run read from {@code pipeline.runs}, for an instance to show: fed by the thread that
 * follows the topic, read by the HTTP threads.
 */
public final class RecentRuns implements Consumer<PipelineRun> {
  private final Map<String, PipelineRun> byId = new ConcurrentHashMap<>();

  @Override
  public void accept(PipelineRun run) {
    byId.put(run.getRunId(), run);
  }

  /** The newest {@code limit} runs, newest start first. */
  public List<PipelineRun> newest(int limit) {
    return byId.values().stream().sorted(Comparator.comparing(PipelineRun::getStartedAt).reversed()
        .thenComparing(PipelineRun::getRunId)).limit(limit).toList();
  }

  /** How many runs ended (or stand) with this status. */
  public long count(PipelineRunStatus status) {
    return byId.values().stream().filter(r -> r.getStatus() == status).count();
  }
}
