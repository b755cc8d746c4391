package io.feedbackpulse.training;

/** How a review's title and body become the one text the model reads. */
public final class ReviewText {
  private ReviewText() {}

  public static String compose(String title, String text) {
    String t = title == null ? "" : title.strip();
    if (t.isEmpty()) {
      return text.strip();
    }
    boolean ends = t.endsWith(".") || t.endsWith("!") || t.endsWith("?");
    return t + (ends ? " " : ". ") + text.strip();
  }
}
