package io.feedbackpulse.ingest;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * The language of a feedback text, as an ISO 639-1 code, by optimaize's language-detector (n-gram
 * profiles of 71 languages that ship in its jar; nothing is fetched at run time). Thread-safe.
 *
 * <p>A text is {@value #UNDETERMINED} when it is too short to tell, or when no language reaches
 * {@value #MIN_PROBABILITY} probability. Too short: fewer than {@value #MIN_LATIN_WORDS} words if it has
 * Latin letters, fewer than {@value #MIN_WORDS} otherwise (a word is a run of letters; each Han or kana
 * character counts as one, since Chinese and Japanese do not space their words). Latin-script languages
 * look alike in a few words: on the English sample reviews, their titles and first sentences, the detector
 * called 2 to 14% of the texts of 3 to 9 words another language ("Never been more disappointed..." Dutch)
 * and none of 10 words or more. A wrong "not English" would hide a complaint from alerts and drift windows;
 * "und" keeps it counted. Cyrillic, Han, Arabic and the other scripts do not pass for English, so 3 words
 * do there. Between Chinese, Japanese and Korean the script decides (see {@link #cjkByScript}).
 */
public final class LanguageIdentifier {
  /** BCP 47's code for an undetermined language, and the schema's default. */
  public static final String UNDETERMINED = "und";
  static final int MIN_WORDS = 3;
  static final int MIN_LATIN_WORDS = 10;
  static final double MIN_PROBABILITY = 0.90;
  /** The detector's verdict is settled long before this, so a 20,000-character e-mail costs what 1,000 characters do. */
  private static final int MAX_CHARS = 1000;
  private static final Set<String> CJK = Set.of("zh", "ja", "ko");

  private final LanguageDetector detector;
  private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingOnLargeText();

  private LanguageIdentifier(LanguageDetector detector) {
    this.detector = detector;
  }

  /** The detector with every built-in profile; loaded once and shared: its n-gram tables take tens of MB of heap. */
  public static LanguageIdentifier builtIn() {
    return BuiltIn.INSTANCE;
  }

  private static final class BuiltIn {
    static final LanguageIdentifier INSTANCE = load();

    private static LanguageIdentifier load() {
      try {
        return new LanguageIdentifier(LanguageDetectorBuilder.create(NgramExtractors.standard())
            .withProfiles(new LanguageProfileReader().readAllBuiltIn())
            .build());
      } catch (IOException e) {
        throw new UncheckedIOException("the language profiles in language-detector's jar cannot be read", e);
      }
    }
  }

  /** @return an ISO 639-1 code such as "en" or "zh", or {@value #UNDETERMINED} */
  public String identify(String text) {
    String sample = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    if (words(sample) < (hasLatinLetters(sample) ? MIN_LATIN_WORDS : MIN_WORDS)) {
      return UNDETERMINED;
    }
    List<DetectedLanguage> found = detector.getProbabilities(texts.forText(sample));
    if (found.isEmpty() || found.get(0).getProbability() < MIN_PROBABILITY) {
      return UNDETERMINED;
    }
    String language = found.get(0).getLocale().getLanguage();
    return CJK.contains(language) ? cjkByScript(sample) : language;
  }

  /**
   * The detector folds Han characters into classes and its Korean profile is full of them, so it calls much
   * Chinese Korean, and some Japanese Chinese, at over 99% (optimaize/language-detector issues 33, 52 and 85).
   * Which of the three it is, the script says: Korean is written in Hangul, Japanese always has kana.
   */
  private static String cjkByScript(String text) {
    boolean hangul = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      Character.UnicodeScript script = Character.UnicodeScript.of(c);
      if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA) {
        return "ja";
      }
      hangul |= script == Character.UnicodeScript.HANGUL;
    }
    return hangul ? "ko" : "zh";
  }

  static int words(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (unspacedScript(c)) {
        words++;
        inWord = false;
      } else if (Character.isLetter(c)) {
        if (!inWord) {
          words++;
        }
        inWord = true;
      } else if (Character.getType(c) != Character.NON_SPACING_MARK && c != '\'' && c != '\u2019' && c != '-') {
        inWord = false;
      }
    }
    return words;
  }

  private static boolean hasLatinLetters(String text) {
    return text.codePoints().anyMatch(c -> Character.isLetter(c)
        && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
  }

  private static boolean unspacedScript(int c) {
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA;
  }
}
