package io.feedbackpulse.quality;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.feedbackpulse.alert.PiiRedactor;
import io.feedbackpulse.avro.LabelledFeedback;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;

/**
 * Writes labelled items as the CSV that {@code train --data} and {@code evaluate --data} read ({@code text} and
 * {@code label} -1/0/1), with what else a data set needs to be audited: channel, who labelled it (label_source), the model's label, id and
 * labelling time, and the complaint reason the label gave ({@code reason}, a column only when an item has one, so a
 * set without reasons reads as before). Texts are written with e-mail addresses, phone and card numbers masked unless
 * told otherwise.
 */
public final class DatasetCsv {
  static final List<String> COLUMNS = List.of("text", "label", "channel", "label_source", "model_label", "id", "labeled_at");
  static final String REASON = "reason";

  private final PiiRedactor redactor;
  private final boolean maskPii;

  public DatasetCsv(PiiRedactor redactor, boolean maskPii) {
    this.redactor = redactor;
    this.maskPii = maskPii;
  }

  public void write(List<LabelledFeedback> items, Writer out) throws IOException {
    boolean reasons = items.stream().anyMatch(item -> item.getReason() != null);
    CsvSchema.Builder schema = CsvSchema.builder();
    COLUMNS.forEach(schema::addColumn);
    if (reasons) {
      schema.addColumn(REASON);
    }
    var writer = new CsvMapper().writerFor(Object[].class).with(schema.build().withHeader());
    try (var rows = writer.writeValues(out)) {
      for (LabelledFeedback item : items) {
        Object[] row = {maskPii ? redactor.redact(item.getText()) : item.getText(), item.getLabel(),
            item.getChannel(), item.getSource(), item.getModelLabel(), item.getId(), item.getLabeledAt().toString()};
        rows.write(reasons ? withReason(row, item.getReason()) : row);
      }
    }
  }

  private static Object[] withReason(Object[] row, String reason) {
    Object[] out = Arrays.copyOf(row, row.length + 1);
    out[row.length] = reason == null ? "" : reason;
    return out;
  }
}
