package io.feedbackpulse.pipeline;

import static io.feedbackpulse.testing.LabelledRecords.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.alert.PiiRedactor;
import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.avro.PipelineStep;
import io.feedbackpulse.avro.PipelineStepStatus;
import io.feedbackpulse.models.ModelRegistry;
import io.feedbackpulse.quality.DatasetCsv;
import io.feedbackpulse.training.BackgroundPriority;
import io.feedbackpulse.testing.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner up to its data checks: what it snapshots, and that a refused run trains and registers nothing. */
class PipelineRunnerTest {
  @TempDir
  Path dir;

  private final List<PipelineRun> written = new ArrayList<>();
  private final List<List<ModelManifest>> registryWrites = new ArrayList<>();

  @Test
  void aSnapshotWithTooFewRowsIsRefusedAtTheChecksAndNothingIsTrainedOrRegistered() throws Exception {
    List<LabelledFeedback> items = List.of(item("chat:1", "broken", -1), item("chat:2", "fine", 0),
        item("chat:3", "great", 1), item("email:1", "refund", -1));

    PipelineRun run = runner(items, 4).run(new PipelineRunner.Request("r1", "command", List.of("chat"),
        Optional.empty(), List.of()));

    assertThat(run.getStatus()).isEqualTo(PipelineRunStatus.refused);
    assertThat(run.getReason()).isEqualTo("checks: 3 rows, below pipeline.checks.min-rows 4");
    assertThat(run.getSteps()).extracting(PipelineStep::getName).containsExactly("snapshot", "checks");
    assertThat(run.getSteps()).extracting(PipelineStep::getStatus)
        .containsExactly(PipelineStepStatus.succeeded, PipelineStepStatus.refused);
    assertThat(run.getSteps().get(0).getOutputs()).containsEntry("rows", "3").containsEntry("chat.label.-1", "1")
        .doesNotContainKey("email.label.-1");
    assertThat(run.getSteps().get(1).getOutputs()).containsEntry("chat.share.neutral", "0.3333");
    assertThat(Files.readAllLines(dir.resolve("store/runs/r1/dataset.csv"))).hasSize(4);
    assertThat(dir.resolve("store/models")).doesNotExist();
    assertThat(registryWrites).isEmpty();
    assertThat(written.get(written.size() - 1)).isEqualTo(run);
    assertThat(written).extracting(PipelineRun::getStatus).filteredOn(s -> s == PipelineRunStatus.running).hasSize(5);
  }

  @Test
  void aRunCancelledAfterItsSnapshotEndsCancelledBeforeTheChecksAndTrainsNothing() throws Exception {
    List<LabelledFeedback> items = List.of(item("chat:1", "broken", -1), item("chat:2", "fine", 0),
        item("chat:3", "great", 1));
    // cancelled once the snapshot's end is on record, as pipeline cancel would be seen then
    PipelineRun run = runner(items, 1).run(new PipelineRunner.Request("r3", "command", List.of(), Optional.empty(),
        List.of()), () -> written.stream().anyMatch(r -> !r.getSteps().isEmpty()
            && r.getSteps().get(0).getStatus() == PipelineStepStatus.succeeded));

    assertThat(run.getStatus()).isEqualTo(PipelineRunStatus.cancelled);
    assertThat(run.getReason()).isEqualTo(PipelineRunner.CANCELLED);
    assertThat(run.getSteps()).extracting(PipelineStep::getName).containsExactly("snapshot");
    assertThat(dir.resolve("store/models")).doesNotExist();
    assertThat(registryWrites).isEmpty();
  }

  @Test
  void aRunWhoseHolderLostTheLeaseEndsFailedSayingSoAndTrainsNothing() throws Exception {
    List<LabelledFeedback> items = List.of(item("chat:1", "broken", -1), item("chat:2", "fine", 0),
        item("chat:3", "great", 1));
    // the lease found lost once the snapshot's end is on record, as the lease's poller would find it then
    PipelineRun run = runner(items, 1).run(new PipelineRunner.Request("r4", "command", List.of(), Optional.empty(),
        List.of()), () -> false, () -> written.stream().anyMatch(r -> !r.getSteps().isEmpty()
            && r.getSteps().get(0).getStatus() == PipelineStepStatus.succeeded));

    assertThat(run.getStatus()).isEqualTo(PipelineRunStatus.failed);
    assertThat(run.getReason()).isEqualTo(PipelineRunner.LEASE_LOST).contains("pipeline.lease.session-timeout");
    assertThat(run.getSteps()).extracting(PipelineStep::getName).containsExactly("snapshot");
    assertThat(dir.resolve("store/models")).doesNotExist();
    assertThat(registryWrites).isEmpty();
  }

  @Test
  void sinceKeepsTheItemsLabelledFromThenOn() throws Exception {
    LabelledFeedback old = LabelledFeedback.newBuilder(item("chat:0", "old", 1))
        .setLabeledAt(Instant.parse("2026-11-01T00:00:00Z")).build();
    List<LabelledFeedback> items = List.of(old, item("chat:1", "broken", -1));

    PipelineRun run = runner(items, 100).run(new PipelineRunner.Request("r2", "command", List.of(),
        Optional.of(Instant.parse("2026-11-29T00:00:00Z")), List.of()));

    assertThat(run.getSteps().get(0).getOutputs()).containsEntry("rows", "1");
    assertThat(run.getSteps().get(0).getInputs()).containsEntry("since", "2026-11-29T00:00:00Z")
        .containsEntry("channels", "all");
  }

  private PipelineRunner runner(List<LabelledFeedback> items, int minRows) {
    PipelineOptions options = new PipelineOptions(minRows, 1, Duration.ofMinutes(1), 1, BackgroundPriority.LOWEST,
        new ReplaySample.Options(0, dir.resolve("store"), dir), List.of(),
        dir.resolve("store"), Optional.empty(), PipelineOptions.Rollout.PROMOTE, null);
    PipelineRunner.Registry registry = new PipelineRunner.Registry() {
      @Override
      public ModelRegistry read() {
        return ModelRegistry.empty();
      }

      @Override
      public void write(List<ModelManifest> manifests) {
        registryWrites.add(manifests);
      }
    };
    return new PipelineRunner(options, () -> items, new DatasetCsv(new PiiRedactor(), true), registry, null,
        null, null, written::add, CodeVersion.ofThisBuild(), new SettableClock(Instant.parse("2026-12-07T05:00:00Z")));
  }
}
