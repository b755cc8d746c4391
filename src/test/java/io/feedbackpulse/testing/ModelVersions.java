package io.feedbackpulse.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.SentimentModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Versions of the tiny RoBERTa test model: copies under a folder, each with its own version name (and id). */
public final class ModelVersions {
  public static final Path TINY_ROBERTA = Path.of("src/test/resources/models/tiny-roberta");

  private final Path folder;

  public ModelVersions(Path folder) {
    this.folder = folder;
  }

  /** The tiny model under another version name: the same labels for every text, another content hash. */
  public Path sameLabels(String version) {
    return copy(version, false);
  }

  /**
   * The tiny model with its labels rotated (what it called positive it calls negative, negative neutral, neutral
   * positive), so it disagrees with the original on every item.
   */
  public Path rotatedLabels(String version) {
    return copy(version, true);
  }

  public static SentimentModel load(Path dir) {
    return SentimentModel.load(ModelSource.of(dir.toString()), InferenceOptions.DEFAULT);
  }

  private Path copy(String version, boolean rotate) {
    Path dir = folder.resolve(version);
    try {
      Files.createDirectories(dir);
      try (Stream<Path> files = Files.list(TINY_ROBERTA)) {
        for (Path f : files.toList()) {
          Files.copy(f, dir.resolve(f.getFileName()));
        }
      }
      ObjectMapper json = new ObjectMapper();
      ObjectNode config = (ObjectNode) json.readTree(dir.resolve("config.json").toFile());
      config.with("feedback_pulse").put("version", version);
      if (rotate) {
        ObjectNode id2label = config.with("id2label");
        String first = id2label.get("0").asText();
        id2label.put("0", id2label.get("1").asText());
        id2label.put("1", id2label.get("2").asText());
        id2label.put("2", first);
        config.remove("label2id");
      }
      json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), config);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
