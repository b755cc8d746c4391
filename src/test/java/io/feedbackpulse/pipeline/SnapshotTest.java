package io.feedbackpulse.pipeline;

import static io.feedbackpulse.testing.LabelledRecords.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.alert.PiiRedactor;
import io.feedbackpulse.quality.DatasetCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
  @TempDir
  Path dir;

  @Test
  void writesTheItemsAsDatasetExportDoesWithTheFilesHashAndTheLabelCountsPerChannel() throws Exception {
    Path file = dir.resolve("run/dataset.csv");

    Snapshot snapshot = Snapshot.write(List.of(item("chat:1", "broken", -1), item("chat:2", "great", 1),
        item("email:1", "fine", 0), item("email:2", "lovely", 1)), file, new DatasetCsv(new PiiRedactor(), true));

    assertThat(Files.readAllLines(file)).hasSize(5).first().isEqualTo("text,label,channel,label_source,model_label,id,labeled_at");
    String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
    assertThat(snapshot.hash()).isEqualTo(expected);
    assertThat(snapshot.rows()).isEqualTo(4);
    assertThat(snapshot.labelCounts()).isEqualTo(Map.of(-1, 1L, 0, 1L, 1, 2L));
    assertThat(snapshot.outputs()).containsEntry("rows", "4").containsEntry("sha256", expected)
        .containsEntry("label.1", "2").containsEntry("chat.label.-1", "1").containsEntry("email.label.0", "1")
        .doesNotContainKey("chat.label.0");
  }
}
