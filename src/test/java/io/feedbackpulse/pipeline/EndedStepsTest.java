package io.feedbackpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.avro.PipelineStep;
import io.feedbackpulse.avro.PipelineStepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndedStepsTest {
  private static final Instant SINCE = Instant.parse("2026-12-07T05:00:00Z");

  @Test
  void aStepEndedAtOrAfterTheStartIsReturnedOnceAndOneEndedBeforeOrStillRunningNever() {
    EndedSteps ended = new EndedSteps(SINCE);
    PipelineRun run = run("r1",
        step("snapshot", "2026-12-07T04:59:50Z", "2026-12-07T04:59:59.999Z", PipelineStepStatus.succeeded),
        step("checks", "2026-12-07T04:59:59.999Z", "2026-12-07T05:00:00Z", PipelineStepStatus.succeeded),
        step("train", "2026-12-07T05:00:00Z", null, PipelineStepStatus.running));

    assertThat(ended.newlyEnded(run)).extracting(PipelineStep::getName).containsExactly("checks");
    assertThat(ended.newlyEnded(run)).isEmpty();
  }

  @Test
  void theSameStepOfAnotherRunOrStartedAgainInTheSameRunIsAnotherEnd() {
    EndedSteps ended = new EndedSteps(SINCE);
    PipelineStep first = step("train", "2026-12-07T05:00:00Z", "2026-12-07T05:01:00Z", PipelineStepStatus.failed);
    PipelineStep again = step("train", "2026-12-07T05:02:00Z", "2026-12-07T05:03:00Z", PipelineStepStatus.succeeded);

    assertThat(ended.newlyEnded(run("r1", first))).hasSize(1);
    assertThat(ended.newlyEnded(run("r2", first))).hasSize(1);
    assertThat(ended.newlyEnded(run("r1", first, again))).containsExactly(again);
  }

  private static PipelineRun run(String id, PipelineStep... steps) {
    return PipelineRun.newBuilder().setRunId(id).setTrigger("command").setStatus(PipelineRunStatus.running)
        .setStartedAt(SINCE.minusSeconds(60)).setSteps(List.of(steps)).build();
  }

  private static PipelineStep step(String name, String startedAt, String endedAt, PipelineStepStatus status) {
    return PipelineStep.newBuilder().setName(name).setStatus(status).setStartedAt(Instant.parse(startedAt))
        .setEndedAt(endedAt == null ? null : Instant.parse(endedAt)).setInputs(Map.of()).setOutputs(Map.of()).build();
  }
}
