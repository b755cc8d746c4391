package io.feedbackpulse.pipeline;

import static io.feedbackpulse.testing.LabelledRecords.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.ModelLineageRecord;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelTriggerTest {
  private static final Instant T = Instant.parse("2026-12-07T05:00:00Z");

  @Test
  void firesOnceEnoughItemsWereLabelledAfterTheCutoffNotAtIt() {
    List<LabelledFeedback> items = List.of(labelled("chat:1", T), labelled("chat:2", T.plusSeconds(1)),
        labelled("chat:3", T.plusSeconds(2)));

    assertThat(new LabelTrigger(2).fire(items, T)).contains(
        "2 labels since 2026-12-07T05:00:00Z (pipeline.trigger.min-new-labels 2)");
    assertThat(new LabelTrigger(3).fire(items, T)).isEmpty();
  }

  @Test
  void labelsCountFromTheLaterOfTheChampionsRegistrationAndTheNewestRun() {
    ModelManifest champion = ModelManifest.newBuilder().setVersion("v1").setModelId("sha256:1").setLocation("/m")
        .setStage(ModelStage.champion).setLineage(ModelLineageRecord.newBuilder().build()).setRegisteredBy("ana")
        .setRegisteredAt(T).build();
    PipelineRun refused = PipelineRun.newBuilder().setRunId("r1").setTrigger("command")
        .setStatus(PipelineRunStatus.refused).setStartedAt(T.plusSeconds(60)).setSteps(List.of()).build();

    assertThat(LabelTrigger.since(Optional.of(champion), List.of(refused))).isEqualTo(T.plusSeconds(60));
    assertThat(LabelTrigger.since(Optional.of(champion), List.of())).isEqualTo(T);
    assertThat(LabelTrigger.since(Optional.empty(), List.of())).isEqualTo(Instant.EPOCH);
  }

  private static LabelledFeedback labelled(String id, Instant at) {
    return LabelledFeedback.newBuilder(item(id, "text", 1)).setLabeledAt(at).build();
  }
}
