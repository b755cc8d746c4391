package io.feedbackpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedbackpulse.avro.ModelLineageRecord;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.models.EvalSet;
import io.feedbackpulse.testing.ModelVersions;
import io.feedbackpulse.training.LabeledCsv;
import io.feedbackpulse.training.LabeledExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay sample comes from the data the champion's lineage names, seeded, with the hash of what was drawn. */
class ReplaySampleTest {
  @TempDir
  Path dir;

  @Test
  void aChampionOfAnEarlierRunReplaysItsSnapshotAndWhatThatRunReplayed() throws IOException {
    Path run = dir.resolve("store/runs/r1");
    Files.createDirectories(run);
    Files.writeString(run.resolve("dataset.csv"), "text,label\nfine,1\nbroken,-1\nok I guess,0\nlove it,1\n");
    Files.writeString(run.resolve("replay.csv"), "text,label\nold review,1\n");
    Optional<ModelManifest> champion = champion(model(Map.of("pipeline_run", "r1",
        "data_sha256", EvalSet.read(run.resolve("dataset.csv")).hash(),
        "replay_sha256", EvalSet.read(run.resolve("replay.csv")).hash())));

    ReplaySample three = ReplaySample.draw(champion, options(3), dir.resolve("a/replay.csv"), 7);
    ReplaySample again = ReplaySample.draw(champion, options(3), dir.resolve("b/replay.csv"), 7);
    ReplaySample all = ReplaySample.draw(champion, options(100), dir.resolve("c/replay.csv"), 7);

    assertThat(three.rows()).isEqualTo(3);
    assertThat(LabeledCsv.read(three.file().orElseThrow())).hasSize(3);
    assertThat(three.hash()).isEqualTo(EvalSet.read(dir.resolve("a/replay.csv")).hash()).isEqualTo(again.hash());
    assertThat(three.note()).startsWith("3 of 5 rows of champion v1's training data (");
    assertThat(LabeledCsv.read(all.file().orElseThrow()).stream().map(LabeledExample::text))
        .containsExactlyInAnyOrder("fine", "broken", "ok I guess", "love it", "old review");
  }

  @Test
  void aSnapshotThatChangedSinceIsNotReplayed() throws IOException {
    Path run = dir.resolve("store/runs/r1");
    Files.createDirectories(run);
    Files.writeString(run.resolve("dataset.csv"), "text,label\nfine,1\n");

    ReplaySample none = ReplaySample.draw(champion(model(Map.of("pipeline_run", "r1", "data_sha256", "sha256:00"))),
        options(3), dir.resolve("replay.csv"), 7);

    assertThat(none.file()).isEmpty();
    assertThat(none.note()).endsWith("is not the one it was trained on (its SHA-256 differs from data_sha256)");
  }

  @Test
  void otherChampionsFilesAreFoundByNameUnderTheReplayDirectory() throws IOException {
    Files.createDirectories(dir.resolve("data/reviews"));
    Files.writeString(dir.resolve("data/reviews/a.csv"), "text,label\nnice,1\n");
    Files.writeString(dir.resolve("data/b.csv"), "text,label\nbad,-1\nmeh,0\n");

    ReplaySample both = ReplaySample.draw(champion(model(Map.of("data", "a.csv, b.csv"))), options(10),
        dir.resolve("replay.csv"), 7);
    ReplaySample missing = ReplaySample.draw(champion(model(Map.of("data", "a.csv, c.csv"))), options(10),
        dir.resolve("replay2.csv"), 7);

    assertThat(both.rows()).isEqualTo(3);
    assertThat(missing.file()).isEmpty();
    assertThat(missing.note()).isEqualTo("none: champion v1's training file c.csv is not under "
        + "pipeline.train.replay-dir " + dir.resolve("data"));
  }

  @Test
  void noRowsNoChampionOrNoLineageMeanNoSample() throws IOException {
    Path out = dir.resolve("replay.csv");

    assertThat(ReplaySample.draw(champion(model(Map.of("data", "a.csv"))), options(0), out, 7).note())
        .isEqualTo("none: pipeline.train.replay-rows is 0");
    assertThat(ReplaySample.draw(Optional.empty(), options(5), out, 7).note()).isEqualTo("none: no champion");
    assertThat(ReplaySample.draw(champion(ModelVersions.TINY_ROBERTA.toString()), options(5), out, 7).note())
        .isEqualTo("none: champion v1's lineage names no training data");
    assertThat(out).doesNotExist();
  }

  private ReplaySample.Options options(int rows) {
    return new ReplaySample.Options(rows, dir.resolve("store"), dir.resolve("data"));
  }

  private String model(Map<String, String> training) throws IOException {
    Path model = Files.createTempDirectory(dir, "model");
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ObjectNode record = root.putObject("feedback_pulse").putObject("training");
    training.forEach(record::put);
    Files.write(model.resolve("config.json"), mapper.writeValueAsBytes(root));
    return model.toString();
  }

  private static Optional<ModelManifest> champion(String location) {
    return Optional.of(ModelManifest.newBuilder().setVersion("v1").setModelId("sha256:1").setLocation(location)
        .setStage(ModelStage.champion).setLineage(ModelLineageRecord.newBuilder().build()).setRegisteredBy("ana")
        .setRegisteredAt(Instant.parse("2026-12-07T05:00:00Z")).build());
  }
}
