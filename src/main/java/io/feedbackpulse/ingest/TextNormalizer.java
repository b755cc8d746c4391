package io.feedbackpulse.ingest;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The text that is scored: Unicode NFKC, whitespace collapsed to single spaces; for e-mail also HTML to text
 * and only what the sender wrote (no quoted replies, no signature).
 */
public final class TextNormalizer {

  /**
   * Characters that render as nothing or only steer the display: soft hyphen, zero-width space and
   * (non-)joiners, direction marks, embeddings, overrides and isolates, word joiner and invisible
   * operators, byte order mark. A text of only these is empty; a right-to-left override left in would
   * make support tools show an excerpt reversed.
   */
  private static final Pattern INVISIBLE = Pattern.compile(
      "[\\u00AD\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF]");
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}\\p{Cc}]+");

  private final HtmlToText html = new HtmlToText();
  private final EmailBodyCleaner email = new EmailBodyCleaner();

  public String normalize(String text, TextFormat format) {
    String result = text;
    if (format == TextFormat.EMAIL && HtmlToText.looksLikeHtml(result)) {
      result = html.toText(result);
    }
    result = Normalizer.normalize(result, Normalizer.Form.NFKC);
    result = INVISIBLE.matcher(result).replaceAll("");
    if (format == TextFormat.EMAIL) {
      result = email.clean(result.replace("\r\n", "\n").replace('\r', '\n'));
    }
    return WHITESPACE.matcher(result).replaceAll(" ").strip();
  }
}
