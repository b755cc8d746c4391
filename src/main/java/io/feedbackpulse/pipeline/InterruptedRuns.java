package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs on record as {@code running} that nobody runs any more. Only the holder of the {@link PipelineLease} runs a
 * run, so whoever holds it sees every {@code running} run as one a crash interrupted: each gets a new record,
 * {@code failed} with reason {@value #REASON}, its running step failed with it.
 */
public final class InterruptedRuns {
  public static final String REASON = "interrupted";

  private InterruptedRuns() {}

  /**
   * Call it only while holding the lease: it is what says that no one else runs a run now.
   *
   * @return the runs as they stand after marking: every run, the interrupted ones failed
   */
  public static List<PipelineRun> mark(List<PipelineRun> runs, Consumer<PipelineRun> writer, Clock clock) {
    return runs.stream().map(r -> {
      if (r.getStatus() != PipelineRunStatus.running) {
        return r;
      }
      RunJournal journal = RunJournal.of(r, writer, clock);
      journal.end(PipelineRunStatus.failed, REASON);
      return journal.current();
    }).toList();
  }
}
