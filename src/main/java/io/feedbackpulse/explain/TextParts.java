package io.feedbackpulse.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sentences and words of a text, as character spans, and the text with one of them left out. */
final class TextParts {
  /** What ends a sentence: its closing punctuation stays with it, the white space after it goes. */
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…][\"'”’)\\]]{0,3})\\s+|\\s*[\\r\\n]+\\s*");
  private TextParts() {}

  /** A part of a text: characters [start, end). */
  record Span(int start, int end) {
    String of(String text) {
      return text.substring(start, end);
    }

    /** The text without this span; the two sides joined by one space. */
    String removedFrom(String text) {
      String before = text.substring(0, start).stripTrailing();
      String after = text.substring(end).stripLeading();
      return before.isEmpty() || after.isEmpty() ? before + after : before + " " + after;
    }
  }

  /**
   * Sentences: the text cut after . ! ? or … (and any closing quotes or brackets) where white space follows, and
   * at line breaks; without surrounding white space, blank ones left out. Feedback is often written without
   * capitals ("so sad. i wanted to love this"), where a capital-minded splitter such as BreakIterator's sees one
   * long sentence; the price is a cut after an abbreviation ("Mr. Smith").
   */
  static List<Span> sentences(String text) {
    List<Span> out = new ArrayList<>();
    Matcher end = SENTENCE_END.matcher(text);
    int start = 0;
    while (end.find()) {
      trimmed(text, start, end.start()).ifPresent(out::add);
      start = end.end();
    }
    trimmed(text, start, text.length()).ifPresent(out::add);
    return out;
  }

  /**
   * Words: runs of non-space characters, without leading and trailing punctuation, that hold a letter or a
   * digit. "don't" and "jane@example.com" stay whole; "--" and "!" are no words.
   */
  static List<Span> words(String text) {
    List<Span> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int s = start;
      int e = i;
      while (s < e && !Character.isLetterOrDigit(text.codePointAt(s))) {
        s += Character.charCount(text.codePointAt(s));
      }
      while (e > s && !Character.isLetterOrDigit(text.codePointBefore(e))) {
        e -= Character.charCount(text.codePointBefore(e));
      }
      if (s < e) {
        out.add(new Span(s, e));
      }
    }
    return out;
  }

  private static Optional<Span> trimmed(String text, int start, int end) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return start < end ? Optional.of(new Span(start, end)) : Optional.empty();
  }
}
