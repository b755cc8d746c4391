package io.feedbackpulse.alert;

/** The start of a text, cut at a word boundary. */
public final class Excerpt {
  private Excerpt() {}

  public static String of(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int cut = text.lastIndexOf(' ', maxChars - 1);
    if (cut < maxChars / 2) {
      cut = maxChars - 1;
    }
    return text.substring(0, cut).stripTrailing() + "…";
  }
}
