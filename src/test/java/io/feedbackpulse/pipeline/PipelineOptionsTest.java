package io.feedbackpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineOptionsTest {
  @Test
  void theDefaultsCanaryTheCandidateAndKeepTheModelsInTheirOwnDirectory() {
    PipelineOptions options = PipelineOptions.from(Settings.defaults());

    assertThat(options.rollout()).isEqualTo(PipelineOptions.Rollout.CANARY);
    assertThat(options.minRows()).isEqualTo(200);
    assertThat(options.trainBudget()).isEqualTo(Duration.ofMinutes(30));
    assertThat(options.evalSets()).isEmpty();
    assertThat(options.modelStore()).isEqualTo(Path.of("pipeline-store"));
  }

  @Test
  void evalSetsAreAListAndPromoteAndShadowOnlyAreRollouts() {
    PipelineOptions options = PipelineOptions.from(Settings.builder().set("pipeline.eval-sets", "a.csv, b.csv")
        .set("pipeline.rollout", "promote").build());

    assertThat(options.evalSets()).containsExactly(Path.of("a.csv"), Path.of("b.csv"));
    assertThat(options.rollout()).isEqualTo(PipelineOptions.Rollout.PROMOTE);
    assertThat(PipelineOptions.from(Settings.builder().set("pipeline.rollout", "shadow-only").build()).rollout())
        .isEqualTo(PipelineOptions.Rollout.SHADOW_ONLY);
  }

  @Test
  void aCanaryStepsThroughRisingSharesEndingWithThePromotion() {
    PipelineOptions options = PipelineOptions.from(Settings.defaults());

    assertThat(options.canary().steps()).containsExactly(0.1, 0.5, 1.0);
    assertThat(options.canary().minItems()).isEqualTo(200);
    assertThat(options.canary().minLabelled()).isEqualTo(50);
    assertThat(options.canary().maxRegression()).isEqualTo(0.01);
    assertThatThrownBy(() -> PipelineOptions.from(Settings.builder().set("pipeline.canary.min-labelled", "0")
        .build())).isInstanceOf(SettingsException.class)
        .hasMessage("pipeline.canary.min-labelled must be at least 1, got 0");
    for (String steps : List.of("0.5,0.1,1.0", "0.1,0.5", "0,1.0", "0.5,1.5", "a,1.0")) {
      assertThatThrownBy(() -> PipelineOptions.from(Settings.builder().set("pipeline.canary.steps", steps).build()))
          .as(steps).isInstanceOf(SettingsException.class).hasMessageStartingWith("pipeline.canary.steps must");
    }
  }

  @Test
  void anUnknownRolloutAndTooFewMinimumRowsAreBadSettings() {
    assertThatThrownBy(() -> PipelineOptions.from(Settings.builder().set("pipeline.rollout", "yolo").build()))
        .isInstanceOf(SettingsException.class)
        .hasMessage("pipeline.rollout must be canary, promote or shadow-only, got 'yolo'");
    assertThatThrownBy(() -> PipelineOptions.from(Settings.builder().set("pipeline.checks.min-rows", "0").build()))
        .isInstanceOf(SettingsException.class);
  }
}
