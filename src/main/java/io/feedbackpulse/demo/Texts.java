package io.feedbackpulse.demo;

import java.util.Arrays;
import java.util.regex.Pattern;

/** Cuts review texts down to what a chat message or a social post would hold. */
final class Texts {

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final String ELLIPSIS = "\u2026";

  private Texts() {
  }

  /** The first {@code count} sentences, on one line. */
  static String firstSentences(String text, int count) {
    String[] sentences = SENTENCE_END.split(oneLine(text), count + 1);
    return String.join(" ", Arrays.copyOf(sentences, Math.min(count, sentences.length)));
  }

  /** At most {@code maxLength} characters, cut at a word boundary and marked with an ellipsis. */
  static String shorten(String text, int maxLength) {
    if (text.length() <= maxLength) {
      return text;
    }
    int cut = text.lastIndexOf(' ', maxLength - ELLIPSIS.length());
    if (cut <= 0) {
      cut = maxLength - ELLIPSIS.length();
    }
    return text.substring(0, cut).stripTrailing() + ELLIPSIS;
  }

  static String oneLine(String text) {
    return WHITESPACE.matcher(text.strip()).replaceAll(" ");
  }
}
