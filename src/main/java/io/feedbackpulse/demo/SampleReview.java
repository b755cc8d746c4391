package io.feedbackpulse.demo;

import io.feedbackpulse.training.LabeledCsv;
import java.util.Objects;

/**
 * One row of the committed review sample. Empty CSV cells are empty strings; {@code rating} is
 * 1 to 5 stars and {@code clothingId} the product the review is about.
 */
public record SampleReview(String title, String text, int rating, String departmentName, String className,
    String divisionName, String clothingId) {

  public SampleReview {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(departmentName, "departmentName");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(divisionName, "divisionName");
    Objects.requireNonNull(clothingId, "clothingId");
    if (text.isBlank()) {
      throw new IllegalArgumentException("A sample review needs a text");
    }
    if (rating < 1 || rating > 5) {
      throw new IllegalArgumentException("Rating must be 1 to 5 stars, not " + rating);
    }
  }

  /** The project's label convention: 1-2 stars negative (-1), 3 neutral (0), 4-5 positive (1). */
  public int sentiment() {
    return LabeledCsv.ofRating(rating).value();
  }
}
