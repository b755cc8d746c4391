package io.feedbackpulse.demo;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    List<SampleReview> reviews = new ArrayList<>();
    try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
      long row = 1;
      while (rows.hasNext()) {
        Map<String, String> record = rows.next();
        row++;
        if (row == 2) {
          requireColumns(record.keySet());
        }
        String text = column(record, TEXT);
        if (text.isEmpty()) {
          continue;
        }
        reviews.add(new SampleReview(column(record, TITLE), text, rating(column(record, RATING), row),
            column(record, DEPARTMENT), column(record, CLASS), column(record, DIVISION), column(record, CLOTHING_ID)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the review CSV", e);
    }
    if (reviews.isEmpty()) {
      throw new IllegalArgumentException("The review CSV has no reviews");
    }
    return List.copyOf(reviews);
  }

  private static void requireColumns(Set<String> header) {
    for (String required : List.of(TEXT, RATING)) {
      if (!header.contains(required)) {
        throw new IllegalArgumentException("The review CSV has no '" + required + "' column; header: " + header);
      }
    }
  }

  /** A column's value, stripped; optional columns that are missing read as empty. */
  private static String column(Map<String, String> record, String name) {
    String v = record.get(name);
    return v == null ? "" : v.strip();
  }

  private static int rating(String value, long row) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Record " + row + ": rating '" + value + "' is not a number", e);
    }
  }
}
