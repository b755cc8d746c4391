package io.feedbackpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.avro.PipelineStepStatus;
import io.feedbackpulse.pipeline.RunJournal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunLineTest {
  private final List<PipelineRun> written = new ArrayList<>();
  private final RunJournal journal = RunJournal.start("r1", "labels", List.of(), Optional.empty(), Optional.empty(),
      written::add, Clock.systemUTC());

  @Test
  void aRunningRunSaysItsStep() {
    assertThat(RunLine.of(journal.current())).isEqualTo("pipeline run r1 running, starting");
    journal.startStep("train", Map.of());
    assertThat(RunLine.of(journal.current())).isEqualTo("pipeline run r1 running, step train");
  }

  @Test
  void anEndedRunSaysHowAndItsCandidate() {
    journal.startStep("rollout", Map.of());
    journal.candidate("pipeline-r1");
    journal.endStep(PipelineStepStatus.refused, Map.of(), "agreement too low");
    journal.end(PipelineRunStatus.rolled_back, "rollout: agreement too low");
    assertThat(RunLine.of(journal.current()))
        .isEqualTo("pipeline run r1 rolled back: rollout: agreement too low (candidate pipeline-r1)");
  }
}
