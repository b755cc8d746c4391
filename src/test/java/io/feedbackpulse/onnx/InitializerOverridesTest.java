package io.feedbackpulse.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelLoadException;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.OnnxGraph;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.testing.ModelVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuned weights written over a graph's initializers, on the tiny RoBERTa fixture. */
class InitializerOverridesTest {
  static final Path DIR = ModelVersions.TINY_ROBERTA;
  static final Path GRAPH = DIR.resolve("model.onnx");
  static final List<long[]> ROWS = List.of(new long[] {0, 31, 47, 2}, new long[] {0, 100, 12, 19, 88, 2});

  @Test
  void listsTheGraphsInitializersWithTheirShapes() {
    Map<String, OnnxInitializers.Info> all = OnnxInitializers.read(GRAPH);
    assertThat(all).hasSize(41);
    assertThat(all.get("classifier.out_proj.bias").shape()).containsExactly(3);
    assertThat(all.get("classifier.out_proj.weight").shape()).containsExactly(3, 32);
    assertThat(all.get("onnx::MatMul_357").shape()).containsExactly(64, 32);
    assertThat(all.values()).allMatch(i -> i.dataType() == OnnxInitializers.FLOAT);
  }

  @Test
  void aReplacedInitializerIsWhatTheGraphComputesWith() {
    float[][] withZeroBias = logits(bias(0, 0, 0));
    float[][] withOtherBias = logits(bias(1.5f, 0, -2));
    for (int row = 0; row < ROWS.size(); row++) {
      assertThat(withOtherBias[row][0] - withZeroBias[row][0]).isCloseTo(1.5f, within(1e-5f));
      assertThat(withOtherBias[row][1] - withZeroBias[row][1]).isCloseTo(0f, within(1e-5f));
      assertThat(withOtherBias[row][2] - withZeroBias[row][2]).isCloseTo(-2f, within(1e-5f));
    }
    float[][] original = logits(InitializerOverrides.none());
    assertThat(original[0][0] - withZeroBias[0][0]).isNotCloseTo(0f, within(1e-6f));
  }

  @Test
  void theWeightsGoIntoACachedCopyThatDiffersFromTheGraphOnlyInThoseBytes() throws Exception {
    byte[] original = Files.readAllBytes(GRAPH);
    Path patched = bias(1.5f, 0, -2).apply(GRAPH);
    assertThat(patched).isNotEqualTo(GRAPH);
    assertThat(patched.getFileName().toString()).startsWith("model+").endsWith(".onnx");
    assertThat(bias(1.5f, 0, -2).apply(GRAPH)).isEqualTo(patched);
    assertThat(bias(1.5f, 0, -3).apply(GRAPH)).isNotEqualTo(patched);
    assertThat(Files.readAllBytes(GRAPH)).isEqualTo(original);

    byte[] copy = Files.readAllBytes(patched);
    OnnxInitializers.Info bias = OnnxInitializers.read(GRAPH).get("classifier.out_proj.bias");
    assertThat(copy).hasSameSizeAs(original);
    for (int i = 0; i < copy.length; i++) {
      boolean inBias = i >= bias.rawDataOffset() && i < bias.rawDataOffset() + bias.rawDataLength();
      if (!inBias && copy[i] != original[i]) {
        throw new AssertionError("byte " + i + " outside the replaced tensor differs");
      }
    }
    assertThat(java.nio.ByteBuffer.wrap(copy, (int) bias.rawDataOffset(), 12).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .getFloat()).isEqualTo(1.5f);
  }

  @Test
  void aNameTheGraphDoesNotHoldIsRefusedNotIgnored() {
    InitializerOverrides typo = InitializerOverrides.of("w.safetensors", Map.of("classifier.out_proj.bais",
        new SafeTensors.Tensor(new long[] {3}, new float[3])));
    assertThatThrownBy(() -> OnnxGraph.load(GRAPH, InferenceOptions.DEFAULT, 1, typo, ActivationRanges.NONE))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("w.safetensors").hasMessageContaining("'classifier.out_proj.bais' is not an initializer");
  }

  @Test
  void aTensorOfAnotherShapeIsRefused() {
    InitializerOverrides wrong = InitializerOverrides.of("w.safetensors", Map.of("classifier.out_proj.bias",
        new SafeTensors.Tensor(new long[] {4}, new float[4])));
    assertThatThrownBy(() -> OnnxGraph.load(GRAPH, InferenceOptions.DEFAULT, 1, wrong, ActivationRanges.NONE))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("shape [4]").hasMessageContaining("[3]");
  }

  @Test
  void aModelDirectoryNamesItsWeightsInConfigAndTheyCountInItsLineage(@TempDir Path dir) throws Exception {
    copyFixtureNamingWeights(dir, "tuned.safetensors");
    // id2label 0 = positive: a large bias on class 0 makes every text positive; 0x4900 is 10 in float16
    Files.write(dir.resolve("tuned.safetensors"),
        SafeTensorsFiles.f16("classifier.out_proj.bias", new long[] {3}, (short) 0x4900, (short) 0, (short) 0));

    try (SentimentModel plain = SentimentModel.load(ModelSource.of(DIR.toString()), InferenceOptions.DEFAULT);
        SentimentModel tuned = SentimentModel.load(ModelSource.of(dir.toString()), InferenceOptions.DEFAULT)) {
      for (String text : List.of("terrible, broke at once", "fine I guess", "love it")) {
        assertThat(tuned.predict(text).label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(tuned.predict(text).probability(Sentiment.POSITIVE))
            .isGreaterThan(plain.predict(text).probability(Sentiment.POSITIVE));
      }
      assertThat(tuned.lineage().id()).isNotEqualTo(plain.lineage().id());
    }
  }

  @Test
  void aMissingWeightsFileIsNamed(@TempDir Path dir) throws Exception {
    copyFixtureNamingWeights(dir, "tuned.safetensors");
    assertThatThrownBy(() -> SentimentModel.load(ModelSource.of(dir.toString()), InferenceOptions.DEFAULT))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("tuned.safetensors is missing");
  }

  private static void copyFixtureNamingWeights(Path dir, String weightsFile) throws Exception {
    for (String f : List.of("model.onnx", "tokenizer.json")) {
      Files.copy(DIR.resolve(f), dir.resolve(f));
    }
    ObjectNode config = (ObjectNode) new ObjectMapper().readTree(DIR.resolve("config.json").toFile());
    config.putObject("feedback_pulse").put("encoder_weights", weightsFile);
    Files.write(dir.resolve("config.json"), new ObjectMapper().writeValueAsBytes(config));
  }

  private static InitializerOverrides bias(float... values) {
    return InitializerOverrides.of("bias.safetensors", Map.of("classifier.out_proj.bias",
        new SafeTensors.Tensor(new long[] {3}, values)));
  }

  private static float[][] logits(InitializerOverrides overrides) {
    try (OnnxGraph graph = OnnxGraph.load(GRAPH, InferenceOptions.DEFAULT, 1, overrides, ActivationRanges.NONE)) {
      OnnxGraph.Output out = graph.run(ROWS, "logits");
      float[][] rows = new float[ROWS.size()][3];
      for (int r = 0; r < rows.length; r++) {
        System.arraycopy(out.values(), r * 3, rows[r], 0, 3);
      }
      return rows;
    }
  }
}
