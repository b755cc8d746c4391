package io.feedbackpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.InferenceOptions;
import org.junit.jupiter.api.Test;

/**
 * bench --reference compares graphs, not run settings: a reference directory used to run 32 rows per call
 * (batch.max-size) where the model runs model.batch-size (8), which alone made it about 1.4x slower on 2 cores.
 */
class BenchReferenceOptionsTest {
  private final Settings settings = Settings.builder().build();

  @Test
  void aReferenceDirectoryRunsWithTheModelsOwnOptionsQuantizedAsItsConfigSays() {
    InferenceOptions reference = BenchCommand.referenceOptions("/models/2026-12-02", settings);

    assertThat(reference).isEqualTo(InferenceOptions.from(settings));
    assertThat(reference.maxBatchRows()).isEqualTo(settings.integer("model.batch-size"))
        .isNotEqualTo(settings.integer("batch.max-size"));
    assertThat(reference.quantize()).isTrue();
  }

  @Test
  void fp32IsTheModelsOwnOptionsWithoutQuantization() {
    InferenceOptions fp32 = BenchCommand.referenceOptions("fp32", settings);

    assertThat(fp32.quantize()).isFalse();
    assertThat(fp32).isEqualTo(InferenceOptions.from(settings).withoutQuantization());
  }
}
