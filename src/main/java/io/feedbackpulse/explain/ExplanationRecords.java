package io.feedbackpulse.explain;

import io.feedbackpulse.avro.Explanation;
import io.feedbackpulse.avro.SentenceScore;
import io.feedbackpulse.avro.WordScore;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** An explanation as the records carry it: the top sentences and words, personal data masked. */
public final class ExplanationRecords {
  static final String MASKED_WORD = "[masked]";
  /** E-mail addresses, card, IBAN and phone numbers and URL query strings all have one of these. */
  private static final Pattern MAYBE_PERSONAL = Pattern.compile("[\\d@?]");

  private final UnaryOperator<String> mask;
  private final int topSentences;
  private final int topWords;

  /** @param mask masks personal data in a text (the alert excerpt's redactor) */
  public ExplanationRecords(UnaryOperator<String> mask, int topSentences, int topWords) {
    this.mask = mask;
    this.topSentences = topSentences;
    this.topWords = topWords;
  }

  public Explanation of(String text, TextExplanation e) {
    List<SentenceScore> sentences = e.rankedSentences().stream().limit(topSentences)
        .map(s -> new SentenceScore(s.index(), mask.apply(s.text()), s.negativeAlone(),
            Double.isNaN(s.removalDrop()) ? null : s.removalDrop()))
        .toList();
    String masked = mask.apply(text);
    List<WordScore> words = e.topWords(topWords).stream()
        .map(w -> new WordScore(shown(w.word(), masked), w.removalDrop()))
        .toList();
    return Explanation.newBuilder()
        .setSentences(sentences)
        .setWords(words)
        .setSentenceCount(e.sentences().size())
        .setWordCount(e.wordCount())
        .setSentenceOcclusion(e.sentenceOcclusion())
        .setWordOcclusion(e.wordOcclusion())
        .setModelTokens(e.modelTokens())
        .build();
  }

  /**
   * A word on its own may be part of what the masker only recognizes in context (a phone number's group of
   * digits): one that could be personal is shown only when it survives masking of the whole text.
   */
  private static String shown(String word, String maskedText) {
    return !MAYBE_PERSONAL.matcher(word).find() || maskedText.contains(word) ? word : MASKED_WORD;
  }
}
