package io.feedbackpulse.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads reviews from CSV with the columns of the Women's E-Commerce Clothing Reviews data set;
 * {@link #load()} reads the committed sample ({@code sample/reviews-sample.csv}, see its README).
 */
public final class SampleReviews {

  public static final String RESOURCE = "/sample/reviews-sample.csv";

  private static final String TITLE = "Title";
  private static final String TEXT = "Review Text";
  private static final String RATING = "Rating";
  private static final String DEPARTMENT = "Department Name";
  private static final String CLASS = "Class Name";
  private static final String DIVISION = "Division Name";
  private static final String CLOTHING_ID = "Clothing ID";

  private SampleReviews() {
  }

  public static List<SampleReview> load() {
    try (InputStream in = SampleReviews.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The review sample " + RESOURCE + " is not on the classpath");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  /** Reviews of a CSV with a header row; rows without a review text are left out. */
  public static List<SampleReview> parse(Reader csv) {
    CsvReader reader = new CsvReader(csv);
    List<String> header = reader.next();
    if (header == null) {
      throw new IllegalArgumentException("The review CSV is empty");
    }
    Columns columns = new Columns(header);
    List<SampleReview> reviews = new ArrayList<>();
    long row = 1;
    for (List<String> record = reader.next(); record != null; record = reader.next()) {
      row++;
      String text = columns.get(record, TEXT).strip();
      if (text.isEmpty()) {
        continue;
      }
      reviews.add(new SampleReview(
          columns.get(record, TITLE).strip(),
          text,
          rating(columns.get(record, RATING), row),
          columns.get(record, DEPARTMENT).strip(),
          columns.get(record, CLASS).strip(),
          columns.get(record, DIVISION).strip(),
          columns.get(record, CLOTHING_ID).strip()));
    }
    return List.copyOf(reviews);
  }

  private static int rating(String value, long row) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Record " + row + ": rating '" + value + "' is not a number", e);
    }
  }

  /** Finds the columns by header name; optional columns that are missing read as empty. */
  private static final class Columns {

    private final Map<String, Integer> indexByName = new HashMap<>();

    Columns(List<String> header) {
      for (int i = 0; i < header.size(); i++) {
        indexByName.put(header.get(i).strip(), i);
      }
      for (String required : List.of(TEXT, RATING)) {
        if (!indexByName.containsKey(required)) {
          throw new IllegalArgumentException("The review CSV has no '" + required + "' column; header: " + header);
        }
      }
    }

    String get(List<String> record, String column) {
      Integer index = indexByName.get(column);
      return index == null || index >= record.size() ? "" : record.get(index);
    }
  }
}
