package io.feedbackpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.avro.PipelineStepStatus;
import io.feedbackpulse.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunJournalTest {
  private final List<PipelineRun> written = new ArrayList<>();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T05:00:00Z"));

  @Test
  void everyChangeOfAStepIsWrittenAsTheWholeRun() {
    RunJournal journal = RunJournal.start("r1", "command", List.of("chat"), Optional.empty(), Optional.of("v1"),
        written::add, clock);
    journal.startStep("snapshot", Map.of("channels", "chat"));
    clock.advance(Duration.ofSeconds(2));
    journal.endStep(PipelineStepStatus.succeeded, Map.of("rows", "300"), "300 labelled items");
    journal.startStep("checks", Map.of("rows", "300"));
    journal.endStep(PipelineStepStatus.refused, Map.of(), "no items labelled neutral (0)");
    journal.end(PipelineRunStatus.refused, "checks: no items labelled neutral (0)");

    assertThat(written).hasSize(6);
    assertThat(written).extracting(PipelineRun::getStatus).containsExactly(PipelineRunStatus.running,
        PipelineRunStatus.running, PipelineRunStatus.running, PipelineRunStatus.running, PipelineRunStatus.running,
        PipelineRunStatus.refused);
    assertThat(written.get(0).getSteps()).isEmpty();
    assertThat(written.get(0).getParentVersion()).isEqualTo("v1");
    assertThat(written.get(1).getSteps()).singleElement()
        .satisfies(s -> assertThat(s.getStatus()).isEqualTo(PipelineStepStatus.running));
    PipelineRun last = written.get(5);
    assertThat(last.getSteps().get(0).getEndedAt()).isEqualTo(Instant.parse("2026-12-07T05:00:02Z"));
    assertThat(last.getSteps().get(0).getOutputs()).containsEntry("rows", "300");
    assertThat(last.getSteps().get(1).getStatus()).isEqualTo(PipelineStepStatus.refused);
    assertThat(last.getReason()).isEqualTo("checks: no items labelled neutral (0)");
    assertThat(last.getEndedAt()).isEqualTo(Instant.parse("2026-12-07T05:00:02Z"));
  }

  @Test
  void aRunEndedMidStepMarksTheStepFailedAndAStepEndsOnce() {
    RunJournal journal = RunJournal.start("r2", "command", List.of(), Optional.empty(), Optional.empty(),
        written::add, clock);
    journal.startStep("train", Map.of());
    journal.end(PipelineRunStatus.failed, "training took longer than pipeline.train.max-duration PT1S");

    assertThat(journal.current().getSteps().get(0).getStatus()).isEqualTo(PipelineStepStatus.failed);
    assertThat(journal.current().getSteps().get(0).getVerdict()).contains("max-duration");
    assertThatThrownBy(() -> journal.endStep(PipelineStepStatus.succeeded, Map.of(), "late"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRunningRunWhoseHolderIsGoneIsMarkedFailedInterruptedWithItsStepAndOthersAreLeftAlone() {
    RunJournal crashed = RunJournal.start("r3", "command", List.of(), Optional.empty(), Optional.of("v1"), r -> { },
        clock);
    crashed.startStep("snapshot", Map.of());
    crashed.endStep(PipelineStepStatus.succeeded, Map.of(), "1 labelled items");
    crashed.startStep("train", Map.of());
    RunJournal ended = RunJournal.start("r4", "command", List.of(), Optional.empty(), Optional.empty(), r -> { },
        clock);
    ended.end(PipelineRunStatus.succeeded, "done");
    clock.advance(Duration.ofMinutes(5));

    List<PipelineRun> after = InterruptedRuns.mark(List.of(crashed.current(), ended.current()), written::add, clock);

    assertThat(written).singleElement().isEqualTo(after.get(0));
    assertThat(after.get(0).getStatus()).isEqualTo(PipelineRunStatus.failed);
    assertThat(after.get(0).getReason()).isEqualTo("interrupted");
    assertThat(after.get(0).getEndedAt()).isEqualTo(Instant.parse("2026-12-07T05:05:00Z"));
    assertThat(after.get(0).getSteps()).extracting(s -> s.getName() + " " + s.getStatus())
        .containsExactly("snapshot succeeded", "train failed");
    assertThat(after.get(0).getSteps().get(1).getVerdict()).isEqualTo("interrupted");
    assertThat(after.get(1)).isSameAs(ended.current());
  }
}
