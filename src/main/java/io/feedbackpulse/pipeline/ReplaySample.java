package io.feedbackpulse.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.inference.ModelLoadException;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.models.EvalSet;
import io.feedbackpulse.training.DefaultModelTrainer;
import io.feedbackpulse.training.LabeledCsv;
import io.feedbackpulse.training.LabeledExample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A seeded sample of the data the champion learned from, trained on beside the new labels so that the candidate
 * keeps what the champion knew of the other channels. The champion's lineage says where that data is: a model of an
 * earlier run names its run ({@code pipeline_run}), whose snapshot is {@code <pipeline.model-store>/runs/<run
 * id>/dataset.csv} (checked against its {@code data_sha256}); any other names its training files ({@code data}),
 * looked for by name under {@code pipeline.train.replay-dir} (the shipped default's are in ../shared/data). What
 * that run replayed in turn ({@value #FILE} beside its snapshot, checked against its {@code replay_sha256}) is
 * part of its data too.
 *
 * @param file the sample, as text,label; empty when there is none
 * @param hash the SHA-256 of the sample's bytes, as an evaluation set's hash is taken; empty without a sample
 * @param note where the sample comes from, or why there is none
 */
public record ReplaySample(Optional<Path> file, String hash, int rows, String note) {
  /** The sample's name in the run's directory. */
  public static final String FILE = "replay.csv";

  /**
   * @param rows {@code pipeline.train.replay-rows}: the sample's size (all of the data when it has fewer); 0: none
   * @param modelStore {@code pipeline.model-store}, where earlier runs' snapshots are
   * @param dataDir {@code pipeline.train.replay-dir}, searched for training files named in a lineage
   */
  public record Options(int rows, Path modelStore, Path dataDir) {}

  public static ReplaySample draw(Optional<ModelManifest> champion, Options options, Path out, long seed)
      throws IOException {
    if (options.rows() == 0) {
      return none("pipeline.train.replay-rows is 0");
    }
    if (champion.isEmpty()) {
      return none("no champion");
    }
    ModelManifest c = champion.get();
    String location = c.getLocation();
    if (location.startsWith("http://") || location.startsWith("https://")) {
      return none("champion " + c.getVersion() + " is at an http(s) location, not read for its lineage");
    }
    JsonNode training;
    try {
      training = new ObjectMapper().readTree(ModelSource.of(location).read("config.json")).path("feedback_pulse")
          .path("training");
    } catch (IOException | UncheckedIOException | ModelLoadException e) {
      return none("champion " + c.getVersion() + "'s config.json cannot be read: " + e.getMessage());
    }
    List<Path> files = new ArrayList<>();
    if (training.hasNonNull("pipeline_run")) {
      Path snapshot = options.modelStore().resolve("runs").resolve(training.get("pipeline_run").asText())
          .resolve("dataset.csv");
      if (!Files.isRegularFile(snapshot)) {
        return none("champion " + c.getVersion() + "'s snapshot " + snapshot + " is not there");
      }
      String recorded = training.path("data_sha256").asText("");
      if (!recorded.isEmpty() && !recorded.equals(EvalSet.read(snapshot).hash())) {
        return none("champion " + c.getVersion() + "'s snapshot " + snapshot + " is not the one it was trained on "
            + "(its SHA-256 differs from data_sha256)");
      }
      files.add(snapshot);
      // what that run replayed of its own champion's data is part of what it learned from
      Path replayed = snapshot.resolveSibling(FILE);
      String replayHash = training.path("replay_sha256").asText("");
      if (!replayHash.isEmpty() && Files.isRegularFile(replayed) && replayHash.equals(EvalSet.read(replayed).hash())) {
        files.add(replayed);
      }
    } else {
      String names = training.path("data").asText("");
      if (names.isBlank()) {
        return none("champion " + c.getVersion() + "'s lineage names no training data");
      }
      for (String name : names.split(",")) {
        Optional<Path> found = find(options.dataDir(), name.trim());
        if (found.isEmpty()) {
          return none("champion " + c.getVersion() + "'s training file " + name.trim() + " is not under "
              + "pipeline.train.replay-dir " + options.dataDir());
        }
        files.add(found.get());
      }
    }
    List<LabeledExample> all = new ArrayList<>();
    for (Path file : files) {
      all.addAll(LabeledCsv.read(file));
    }
    Collections.shuffle(all, new Random(seed));
    List<LabeledExample> sample = all.subList(0, Math.min(options.rows(), all.size()));
    Files.createDirectories(out.toAbsolutePath().getParent());
    DefaultModelTrainer.writeCsv(out, sample);
    return new ReplaySample(Optional.of(out), EvalSet.read(out).hash(), sample.size(), sample.size() + " of "
        + all.size() + " rows of champion " + c.getVersion() + "'s training data ("
        + String.join(", ", files.stream().map(Path::toString).toList()) + ")");
  }

  private static Optional<Path> find(Path dir, String name) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> found = Files.walk(dir)) {
      return found.filter(p -> p.getFileName().toString().equals(name) && Files.isRegularFile(p)).sorted()
          .findFirst();
    }
  }

  private static ReplaySample none(String why) {
    return new ReplaySample(Optional.empty(), "", 0, "none: " + why);
  }
}
