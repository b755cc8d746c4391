package io.feedbackpulse.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.feedbackpulse.inference.Sentiment;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads labeled texts from a CSV with a header: either the shared reviews' columns ({@code Review
 * Text}, {@code Rating}, optional {@code Title}; 1-2 stars negative, 3 neutral, 4-5 positive) or
 * plain {@code text,label} with label -1/0/1 or a label name, and optional {@code source} and {@code
 * domain} columns. Without them a row's source is the file's name less {@code .csv}, and its domain
 * is its {@code channel} (as {@code dataset export} writes it), else its source. Rows without text are skipped.
 * A file that is not such a CSV (an unclosed quote, a row with too many fields, a missing column, a label or
 * rating out of range) is a {@link MalformedCsvException} naming the line its row starts on.
 */
public final class LabeledCsv {
  private LabeledCsv() {}

  public static List<LabeledExample> read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString(), sourceName(file));
    }
  }

  /** The source of a file's rows that name none: its file name less {@code .csv}. */
  public static String sourceName(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
  }

  /** @throws MalformedCsvException when a row cannot be read or holds no valid labeled text */
  public static List<LabeledExample> read(Reader reader, String name, String defaultSource) throws IOException {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<LabeledExample> out = new ArrayList<>();
    long line = 1;
    try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(reader)) {
      while (true) {
        line = Math.max(1, rows.getParser().currentLocation().getLineNr());
        if (!rows.hasNextValue()) {
          break;
        }
        Map<String, String> row = rows.nextValue();
        LabeledExample example;
        try {
          example = row.containsKey("Review Text") ? review(row, defaultSource) : plain(row, defaultSource);
        } catch (IllegalArgumentException e) {
          throw new MalformedCsvException(name, line, e.getMessage(), e);
        }
        if (example != null) {
          out.add(example);
        }
      }
    } catch (JsonProcessingException e) {
      // The parser's own position is where it gave up (the end of the file for an unclosed quote): the row's
      // first line is where to look.
      throw new MalformedCsvException(name, line, e.getOriginalMessage(), e);
    }
    return out;
  }

  private static LabeledExample review(Map<String, String> row, String source) {
    String text = row.getOrDefault("Review Text", "").trim();
    String rating = row.getOrDefault("Rating", "").trim();
    if (text.isEmpty() || rating.isEmpty()) {
      return null;
    }
    if (!rating.matches("-?\\d{1,9}")) {
      throw new IllegalArgumentException("rating '" + rating + "' is not a number of stars from 1 to 5");
    }
    return new LabeledExample(ReviewText.compose(row.get("Title"), text), ofRating(Integer.parseInt(rating)),
        source, source);
  }

  private static LabeledExample plain(Map<String, String> row, String defaultSource) {
    if (!row.containsKey("text") || !row.containsKey("label")) {
      throw new IllegalArgumentException("expected columns 'Review Text' and 'Rating' (optional 'Title'),"
          + " or 'text' and 'label'; found " + row.keySet());
    }
    String text = row.get("text").trim();
    if (text.isEmpty()) {
      return null;
    }
    String label = row.get("label").trim();
    Sentiment sentiment = label.matches("-?\\d{1,9}") ? Sentiment.ofValue(Integer.parseInt(label))
        : Sentiment.fromLabelName(label).orElseThrow(
            () -> new IllegalArgumentException("unknown label '" + label + "' (expected -1, 0, 1 or a label name)"));
    String source = row.getOrDefault("source", "").trim();
    source = source.isEmpty() ? defaultSource : source;
    String domain = row.getOrDefault("domain", "").trim();
    if (domain.isEmpty()) {
      domain = row.getOrDefault("channel", "").trim(); // dataset export's files: the channel is the kind of text
    }
    return new LabeledExample(text, sentiment, source, domain.isEmpty() ? source : domain);
  }

  /** The seed course's convention: 1-2 stars negative, 3 neutral, 4-5 positive. */
  public static Sentiment ofRating(int stars) {
    if (stars < 1 || stars > 5) {
      throw new IllegalArgumentException("rating must be 1 to 5, got " + stars);
    }
    return stars <= 2 ? Sentiment.NEGATIVE : stars == 3 ? Sentiment.NEUTRAL : Sentiment.POSITIVE;
  }
}
