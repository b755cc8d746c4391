package io.feedbackpulse.quality;

import static io.feedbackpulse.testing.LabelledRecords.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.alert.PiiRedactor;
import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.training.LabeledCsv;
import io.feedbackpulse.training.LabeledExample;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The export's CSV is what train --data and evaluate --data read, with PII masked unless told otherwise. */
class DatasetCsvTest {
  private static final String WITH_EMAIL = "Write to ana@example.com, \"now\", please";

  @Test
  void trainAndEvaluateReadTheTextsAndLabelsBackWithPiiMasked() throws Exception {
    StringWriter csv = new StringWriter();
    new DatasetCsv(new PiiRedactor(), true).write(List.of(item("chat:m-1", WITH_EMAIL, -1),
        item("app:r-2", "Fits, love it", 1)), csv);

    assertThat(csv.toString()).startsWith("text,label,channel,label_source,model_label,id,labeled_at\n")
        .doesNotContain("ana@example.com");
    List<LabeledExample> read = LabeledCsv.read(new StringReader(csv.toString()), "export.csv", "export");
    assertThat(read).extracting(LabeledExample::label).containsExactly(Sentiment.NEGATIVE, Sentiment.POSITIVE);
    assertThat(read.get(0).text()).startsWith("Write to ").endsWith(", \"now\", please").doesNotContain("@");
    assertThat(read.get(1).text()).isEqualTo("Fits, love it");
  }

  @Test
  void aReasonColumnOnlyWhenAnItemHasAReasonAndTrainStillReadsTheFile() throws Exception {
    StringWriter without = new StringWriter();
    new DatasetCsv(new PiiRedactor(), true).write(List.of(item("chat:m-1", "Late again", -1)), without);
    assertThat(without.toString()).doesNotContain("reason");

    StringWriter with = new StringWriter();
    new DatasetCsv(new PiiRedactor(), true).write(List.of(item("chat:m-1", "Late again", -1),
        LabelledFeedback.newBuilder(item("chat:m-2", "Where is my parcel", -1)).setReason("delivery").build()), with);
    List<String> lines = with.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("text,label,channel,label_source,model_label,id,labeled_at,reason");
    assertThat(lines.get(1)).endsWith(",2026-11-29T10:00:00Z,");
    assertThat(lines.get(2)).endsWith(",2026-11-29T10:00:00Z,delivery");
    assertThat(LabeledCsv.read(new StringReader(with.toString()), "export.csv", "export"))
        .extracting(LabeledExample::label).containsExactly(Sentiment.NEGATIVE, Sentiment.NEGATIVE);
  }

  @Test
  void theTextsAsTheyAreWhenToldNotToMask() throws Exception {
    StringWriter csv = new StringWriter();
    new DatasetCsv(new PiiRedactor(), false).write(List.of(item("chat:m-1", WITH_EMAIL, 0)), csv);

    // the channel is the texts' domain for train's per-domain figures; the file is their source
    assertThat(LabeledCsv.read(new StringReader(csv.toString()), "export.csv", "export"))
        .containsExactly(new LabeledExample(WITH_EMAIL, Sentiment.NEUTRAL, "export", "chat"));
  }
}
