package io.feedbackpulse.inference;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model directory that cannot work fails at load with a message naming the problem. */
class BadModelDirectoryTest {
  @TempDir
  Path dir;

  private void copyFixture() throws IOException {
    for (String f : new String[] {"model.onnx", "tokenizer.json", "config.json"}) {
      Files.copy(TINY_ROBERTA.resolve(f), dir.resolve(f));
    }
  }

  private void rewriteConfig(String from, String to) throws IOException {
    Path config = dir.resolve("config.json");
    Files.writeString(config, Files.readString(config).replace(from, to));
  }

  private void assertLoadFails(String... messageParts) {
    assertThatThrownBy(() -> SentimentModel.load(ModelSource.of(dir.toString()), InferenceOptions.DEFAULT))
        .isInstanceOf(ModelLoadException.class)
        .message().contains(messageParts);
  }

  @Test
  void missingGraph() throws IOException {
    copyFixture();
    Files.delete(dir.resolve("model.onnx"));
    assertLoadFails("model.onnx is missing");
  }

  @Test
  void missingTokenizer() throws IOException {
    copyFixture();
    Files.delete(dir.resolve("tokenizer.json"));
    assertLoadFails("tokenizer.json is missing");
  }

  @Test
  void missingConfig() throws IOException {
    copyFixture();
    Files.delete(dir.resolve("config.json"));
    assertLoadFails("config.json is missing");
  }

  @Test
  void labelThatSaysNoSentiment() throws IOException {
    copyFixture();
    rewriteConfig("\"2\": \"neutral\"", "\"2\": \"LABEL_2\"");
    assertLoadFails("LABEL_2", "label_map");
  }

  @Test
  void explicitLabelMapRescuesUnreadableNames() throws IOException {
    copyFixture();
    rewriteConfig("\"2\": \"neutral\"", "\"2\": \"LABEL_2\"");
    rewriteConfig("\"torch_dtype\"", "\"feedback_pulse\": {\"label_map\": {\"LABEL_2\": 0}}, \"torch_dtype\"");
    SentimentModel.load(ModelSource.of(dir.toString()), InferenceOptions.DEFAULT).close();
  }

  @Test
  void outputWithAnotherNumberOfClassesThanId2label() throws IOException {
    copyFixture();
    rewriteConfig(",\n    \"2\": \"neutral\"", "");
    assertLoadFails("gives 3 classes per row", "names 2");
  }

  @Test
  void twoClassesForOneSentiment() throws IOException {
    copyFixture();
    rewriteConfig("\"2\": \"neutral\"", "\"2\": \"negative\"");
    assertLoadFails("two classes map to negative");
  }

  @Test
  void graphThatIsNotOnnx() throws IOException {
    copyFixture();
    Files.writeString(dir.resolve("model.onnx"), "not a graph");
    assertLoadFails("model.onnx cannot be loaded by ONNX Runtime");
  }

  @Test
  void tokenizerThatIsNotATokenizer() throws IOException {
    copyFixture();
    Files.writeString(dir.resolve("tokenizer.json"), "{\"version\": \"1.0\"}");
    assertLoadFails("tokenizer.json is not a Hugging Face tokenizer");
  }
}
