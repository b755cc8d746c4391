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
import java.text.BreakIterator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>A text in one language can hold sentences in another ("The parcel is broken, awful. Das ist eine
 * Katastrophe..."): {@link #partIn} finds the sentences in the languages a model reads.
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
  /** A part a model reads must hold this share of the text's words, so a stray word or two cannot speak for it. */
  static final double MIN_PART_SHARE = 0.1;
  /** One sentence is a few words: its most likely language counts from this probability on. */
  static final double MIN_SENTENCE_PROBABILITY = 0.5;
  /** Sentences are looked at up to here: each costs a detection, and the model reads a bounded text anyway. */
  private static final int MAX_PART_CHARS = 5 * MAX_CHARS;

  /**
   * Sentences of a text in languages a model reads.
   *
   * @param language the language most of its words are in
   * @param text the sentences, in the text's order, joined by a space
   */
  public record Part(String language, String text) {}

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
   * The sentences of {@code text} whose most likely language is one of {@code languages} (at
   * {@value #MIN_SENTENCE_PROBABILITY} or more; a sentence is too short for the whole text's bar), when they
   * make a meaningful part of it: at least {@value #MIN_WORDS} words and a tenth of the text's words. Only its
   * first 5,000 characters are looked at.
   *
   * @return empty when no such part exists
   */
  public Optional<Part> partIn(String text, Set<String> languages) {
    String sample = text.length() > MAX_PART_CHARS ? text.substring(0, MAX_PART_CHARS) : text;
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
    sentences.setText(sample);
    StringBuilder part = new StringBuilder();
    Map<String, Integer> wordsByLanguage = new HashMap<>();
    int partWords = 0;
    for (int start = sentences.first(), end = sentences.next(); end != BreakIterator.DONE;
        start = end, end = sentences.next()) {
      String sentence = sample.substring(start, end).strip();
      int words = words(sentence);
      if (words == 0) {
        continue;
      }
      String language = mostLikely(sentence);
      if (languages.contains(language)) {
        part.append(part.isEmpty() ? "" : " ").append(sentence);
        partWords += words;
        wordsByLanguage.merge(language, words, Integer::sum);
      }
    }
    if (partWords < MIN_WORDS || partWords < MIN_PART_SHARE * words(sample)) {
      return Optional.empty();
    }
    String language = wordsByLanguage.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    return Optional.of(new Part(language, part.toString()));
  }

  private String mostLikely(String sentence) {
    List<DetectedLanguage> found = detector.getProbabilities(texts.forText(sentence));
    if (found.isEmpty() || found.get(0).getProbability() < MIN_SENTENCE_PROBABILITY) {
      return UNDETERMINED;
    }
    String language = found.get(0).getLocale().getLanguage();
    return CJK.contains(language) ? cjkByScript(sentence) : language;
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
