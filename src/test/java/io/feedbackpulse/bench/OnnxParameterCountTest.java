package io.feedbackpulse.bench;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OnnxParameterCountTest {
  @Test
  void countsEveryInitializerAndSetsTheEmbeddingTablesApart() {
    // figures from onnx.load(...).graph: 41 initializers; word, position and token-type embeddings are Gather tables
    OnnxParameterCount count = OnnxParameterCount.of(TINY_ROBERTA.resolve("model.onnx"));
    assertThat(count.total()).isEqualTo(38_403);
    assertThat(count.lookedUp()).isEqualTo(20_096);
    assertThat(count.multiplied()).isEqualTo(18_307);
  }
}
