package io.feedbackpulse.reasons;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Texts and their reasons from a CSV with a header: {@code text} and {@code reason} (or {@code category}, as
 * banking77 names it) columns; other columns are ignored.
 */
public final class ReasonCsv {
  private static final List<String> REASON_COLUMNS = List.of("reason", "category");

  private ReasonCsv() {}

  /** @throws MalformedReasonCsvException when a column is missing or a row holds no text or reason */
  public static List<LabeledReason> read(Path file) throws IOException {
    String name = file.toString();
    List<LabeledReason> out = new ArrayList<>();
    try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
      String reasonColumn = null;
      while (rows.hasNextValue()) {
        long line = rows.getCurrentLocation().getLineNr();
        Map<String, String> row = rows.nextValue();
        if (reasonColumn == null) {
          if (!row.containsKey("text")) {
            throw new MalformedReasonCsvException(name, 1, "no 'text' column (columns: " + row.keySet() + ")", null);
          }
          reasonColumn = REASON_COLUMNS.stream().filter(row::containsKey).findFirst().orElseThrow(
              () -> new MalformedReasonCsvException(name, 1, "no 'reason' or 'category' column (columns: "
                  + row.keySet() + ")", null));
        }
        String text = row.get("text");
        String reason = row.get(reasonColumn);
        if (text == null || text.isBlank() || reason == null || reason.isBlank()) {
          throw new MalformedReasonCsvException(name, line, "a row needs a text and a " + reasonColumn, null);
        }
        out.add(new LabeledReason(text, reason.strip()));
      }
    } catch (RuntimeJsonMappingException e) {
      throw new MalformedReasonCsvException(name, 0, e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (out.isEmpty()) {
      throw new MalformedReasonCsvException(name, 0, "no rows", null);
    }
    return out;
  }
}
