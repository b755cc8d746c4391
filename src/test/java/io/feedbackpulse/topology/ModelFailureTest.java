package io.feedbackpulse.topology;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedbackpulse.avro.DeadLetter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A genuine model failure: the tiny RoBERTa's graph has 66 position embeddings, but this copy's config.json
 * declares a window of 120 tokens, so ONNX Runtime fails on any text longer than 64 tokens and scores shorter
 * ones. The failing item becomes an {@code inference_failed} dead letter; the items around it are scored.
 */
class ModelFailureTest {
  @TempDir
  Path modelDir;

  TopologyFixture f;

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void anItemTheModelFailsOnIsDeadLetteredAndTheOthersAreScored() throws IOException {
    copyWithWindowBeyondTheGraph();
    f = new TopologyFixture(Map.of("model.dir", modelDir.toString(), "model.long-text", "truncate"));
    String longText = "The zipper broke and the seams came apart after one wash, ".repeat(12);

    f.json("feedback.raw.chat", "k1", "{\"messageId\":\"short-1\",\"text\":\"Lovely dress\"}", TopologyFixture.T0);
    f.json("feedback.raw.chat", "k2", "{\"messageId\":\"long\",\"text\":\"" + longText + "\"}", TopologyFixture.T0);
    f.json("feedback.raw.chat", "k3", "{\"messageId\":\"short-2\",\"text\":\"Too small\"}", TopologyFixture.T0);

    assertThat(f.scored.readKeyValuesToMap()).containsOnlyKeys("chat:short-1", "chat:short-2");
    List<TestRecord<byte[], DeadLetter>> letters = f.deadLetters.readRecordsToList();
    assertThat(letters).hasSize(1);
    DeadLetter letter = letters.get(0).value();
    assertThat(letter.getReason()).isEqualTo("inference_failed");
    assertThat(letter.getDetail()).isNotBlank();
    assertThat(letter.getSourceTopic()).isEqualTo("feedback.raw.chat");
    assertThat(letter.getOffset()).isEqualTo(1);
    assertThat(new String(letters.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("chat:long");
  }

  private void copyWithWindowBeyondTheGraph() throws IOException {
    try (Stream<Path> files = Files.list(TINY_ROBERTA)) {
      for (Path file : files.toList()) {
        Files.copy(file, modelDir.resolve(file.getFileName()));
      }
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = (ObjectNode) json.readTree(modelDir.resolve("config.json").toFile());
    config.putObject("feedback_pulse").put("max_length", 120);
    json.writeValue(modelDir.resolve("config.json").toFile(), config);
  }
}
