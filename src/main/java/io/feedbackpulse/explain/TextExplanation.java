package io.feedbackpulse.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What occlusion found for one text: every sentence and, for a short text, every word, in text order,
 * before masking and ranking.
 *
 * @param negative the negative probability of the whole text
 * @param sentenceOcclusion each sentence's {@code removalDrop} was computed
 * @param wordOcclusion leave-one-word-out was computed
 * @param modelTokens the model tokens it cost
 */
public record TextExplanation(double negative, List<Sentence> sentences, List<Word> words, int wordCount,
    boolean sentenceOcclusion, boolean wordOcclusion, int modelTokens) {

  /**
   * @param negativeAlone the negative probability of the sentence scored alone
   * @param removalDrop the text's negative probability minus that without the sentence; NaN when not computed
   */
  public record Sentence(int index, String text, double negativeAlone, double removalDrop) {
    /** Both views count when both were computed: a sentence that is negative alone and carries the verdict. */
    public double rank() {
      return Double.isNaN(removalDrop) ? negativeAlone : (negativeAlone + removalDrop) / 2;
    }
  }

  /** @param removalDrop the text's negative probability minus that without this occurrence of the word */
  public record Word(String word, double removalDrop) {}

  /** The sentences by {@link Sentence#rank()}, highest first; ties in text order. */
  public List<Sentence> rankedSentences() {
    List<Sentence> ranked = new ArrayList<>(sentences);
    ranked.sort(Comparator.comparingDouble(Sentence::rank).reversed().thenComparingInt(Sentence::index));
    return ranked;
  }

  /**
   * Words whose removal lowers the negative probability, largest drop first; a word that occurs more than once
   * (case aside) counts with its largest drop.
   */
  public List<Word> topWords(int n) {
    Map<String, Word> best = new LinkedHashMap<>();
    for (Word w : words) {
      if (w.removalDrop() > 0) {
        best.merge(w.word().toLowerCase(Locale.ROOT), w, (a, b) -> b.removalDrop() > a.removalDrop() ? b : a);
      }
    }
    return best.values().stream().sorted(Comparator.comparingDouble(Word::removalDrop).reversed()).limit(n).toList();
  }
}
