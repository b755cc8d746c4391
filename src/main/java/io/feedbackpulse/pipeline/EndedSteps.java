package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineStep;
import io.feedbackpulse.avro.PipelineStepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steps a reader of {@code pipeline.runs} sees end, each once: every change of a run is a new record of the whole
 * run, so the same ended step comes again with each later change, and again when the topic is re-read.
 *
 * <p>Only steps that ended at or after {@code since} count. A reader restarts with nothing remembered and reads the
 * compacted topic from the beginning; a step's own end time, unlike the reader's position, tells whether it ended
 * before this reader started, and a counter that starts at zero in each process (as Prometheus expects of one) must
 * not count again what the process before it already counted. A step that ended while no reader ran is counted by
 * none, and the end time is the writer's clock: a writer behind this reader's clock can hide a step that ends in the
 * first moments after the start.
 */
public final class EndedSteps {
  private record Key(String runId, String step, Instant startedAt) {}

  private final Instant since;
  private final Set<Key> seen = ConcurrentHashMap.newKeySet();

  public EndedSteps(Instant since) {
    this.since = since;
  }

  /** The steps of this record of a run that ended at or after {@code since} and were not returned before. */
  public List<PipelineStep> newlyEnded(PipelineRun run) {
    return run.getSteps().stream()
        .filter(s -> s.getStatus() != PipelineStepStatus.running && s.getEndedAt() != null)
        .filter(s -> !s.getEndedAt().isBefore(since))
        .filter(s -> seen.add(new Key(run.getRunId(), s.getName(), s.getStartedAt())))
        .toList();
  }
}
