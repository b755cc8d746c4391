package io.feedbackpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ModelInfo;
import io.feedbackpulse.avro.Probabilities;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.Timings;
import io.feedbackpulse.inference.BatchStage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageSamplesTest {
  @Test
  void batchStagesCountOnlyOnceRecordingAndArePercentilesInMilliseconds() {
    StageSamples samples = new StageSamples();
    samples.batchStage(BatchStage.MODEL, 999_000_000L);
    samples.startRecording();
    for (int ms = 1; ms <= 100; ms++) {
      samples.batchStage(BatchStage.MODEL, ms * 1_000_000L);
    }

    StagePercentiles model = samples.percentiles().get("model");

    assertThat(model).isEqualTo(new StagePercentiles(100, 50.0, 95.0, 99.0));
    assertThat(samples.percentiles()).doesNotContainKey("tokenize");
  }

  @Test
  void aReadItemsLatencySplitsIntoTheWayToItsBatchTheWaitThereAndTheCommitWait() {
    StageSamples samples = new StageSamples();
    // created at 0; reached its batch at 400; waited 30 ms; the model call took 20 ms, so scored at 450
    ScoredFeedback item = scored("chat:c-1", 0, 450, 20_000, 30);
    long forwarded = System.currentTimeMillis();
    samples.scored(item);

    samples.read(item, forwarded + 700);

    Map<String, StagePercentiles> p = samples.percentiles();
    assertThat(p.get("before_batch").p50()).isEqualTo(400);
    assertThat(p.get("batch_wait").p50()).isEqualTo(30);
    assertThat(p.get("commit_wait").p50()).isBetween(690.0, 700.0);
  }

  private static ScoredFeedback scored(String id, long created, long scoredAt, long inferenceMicros, long queued) {
    return ScoredFeedback.newBuilder()
        .setFeedback(Feedback.newBuilder().setId(id).setChannel("chat").setSourceId("c-1")
            .setOriginalText("t").setText("t").setEventTime(Instant.ofEpochMilli(created)).build())
        .setLabel(1).setLabelName("positive")
        .setProbabilities(new Probabilities(0.1, 0.1, 0.8)).setConfidence(0.8).setTokenCount(1).setChunkCount(1)
        .setModel(new ModelInfo("m", "1"))
        .setTimings(Timings.newBuilder().setScoredAt(Instant.ofEpochMilli(scoredAt))
            .setInferenceMicros(inferenceMicros).setBatchSize(1).setQueuedMillis(queued).build())
        .build();
  }
}
