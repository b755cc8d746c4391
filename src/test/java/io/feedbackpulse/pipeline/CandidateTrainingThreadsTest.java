package io.feedbackpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import io.feedbackpulse.inference.OnnxGraph;
import io.feedbackpulse.training.DefaultModelTrainer;
import io.feedbackpulse.training.Progress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** pipeline.train.threads reaches the ONNX Runtime session of the train step's feature pass. */
class CandidateTrainingThreadsTest {
  private static final ReplaySample NO_REPLAY = new ReplaySample(Optional.empty(), "", 0, "none: test");
  private static final Snapshot SNAPSHOT = new Snapshot(Path.of("dataset.csv"), "sha256:x", 0, Map.of(), Map.of());

  @Test
  void theSettingBecomesTheFeaturePassIntraOpThreads() {
    assertThat(sessionOptions(Settings.builder().set("pipeline.train.threads", "3").build()))
        .containsEntry("intraOpNumThreads", "3").containsEntry("interOpNumThreads", "1");
  }

  @Test
  void byDefaultTrainingRunsOnOneThread() {
    assertThat(sessionOptions(Settings.defaults())).containsEntry("intraOpNumThreads", "1");
  }

  @Test
  void fewerThanOneThreadIsRefused() {
    assertThatThrownBy(() -> PipelineOptions.from(Settings.builder().set("pipeline.train.threads", "0").build()))
        .isInstanceOf(SettingsException.class).hasMessage("pipeline.train.threads must be at least 1, got 0");
  }

  private static Map<String, String> sessionOptions(Settings settings) {
    PipelineOptions pipeline = PipelineOptions.from(settings);
    CandidateTraining training = new CandidateTraining(pipeline.trainEpochs(), pipeline.trainBudget(),
        pipeline.trainThreads(), pipeline.nice(), pipeline.replay());
    DefaultModelTrainer trainer = new DefaultModelTrainer(training.options(SNAPSHOT, NO_REPLAY, Path.of("model"),
        Path.of("report"), Path.of("cache"), "v",
        new WarmStart(Optional.empty(), "none: test")), System.out, Progress.NONE);
    return OnnxGraph.sessionOptions(trainer.encoderOptions());
  }
}
