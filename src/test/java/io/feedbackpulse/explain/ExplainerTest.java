package io.feedbackpulse.explain;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The occlusion arithmetic with the tiny RoBERTa model. The oracle is the model itself on texts written out by
 * hand here: each sentence alone, and the text without each sentence or word, scored one by one.
 */
class ExplainerTest {
  static final String TEXT = "terrible quality, returned it. I love it. Nobody answers my emails about the refund.";
  static final String LONG = "The dress arrived on time and the packaging was fine. The colour is a little darker "
      + "than in the photos but I can live with that. The zipper broke the first day I wore it to work and the "
      + "seam on the left side came apart. I wrote twice and nobody answered.";
  private static SentimentModel model;

  @BeforeAll
  static void load() {
    model = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()), InferenceOptions.DEFAULT);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static double negative(String text) {
    return model.predict(text).probability(Sentiment.NEGATIVE);
  }

  @Test
  void sentencesAloneAndWithoutEachAreTheModelsOwnFiguresOnThoseTexts() {
    double whole = negative(TEXT);
    TextExplanation e = new Explainer(model, ExplainOptions.UNBOUNDED).explain(List.of(TEXT), List.of(whole))
        .get(0).orElseThrow();

    assertThat(e.sentences()).extracting(TextExplanation.Sentence::text).containsExactly(
        "terrible quality, returned it.", "I love it.", "Nobody answers my emails about the refund.");
    double[] alone = {negative("terrible quality, returned it."), negative("I love it."),
        negative("Nobody answers my emails about the refund.")};
    double[] without = {negative("I love it. Nobody answers my emails about the refund."),
        negative("terrible quality, returned it. Nobody answers my emails about the refund."),
        negative("terrible quality, returned it. I love it.")};
    for (int i = 0; i < 3; i++) {
      assertThat(e.sentences().get(i).negativeAlone()).as("alone %d", i).isCloseTo(alone[i], within(1e-6));
      assertThat(e.sentences().get(i).removalDrop()).as("drop %d", i).isCloseTo(whole - without[i], within(1e-6));
    }
    // the rank is the mean of the two views; the oracle's own ranking, worked out from its figures
    int best = 0;
    for (int i = 1; i < 3; i++) {
      if (alone[i] + whole - without[i] > alone[best] + whole - without[best]) {
        best = i;
      }
    }
    assertThat(e.rankedSentences().get(0).index()).isEqualTo(best);
    assertThat(e.sentenceOcclusion()).isTrue();
  }

  @Test
  void eachWordOfAShortTextIsLeftOutOnce() {
    double whole = negative(TEXT);
    TextExplanation e = new Explainer(model, ExplainOptions.UNBOUNDED).explain(List.of(TEXT), List.of(whole))
        .get(0).orElseThrow();

    assertThat(e.wordOcclusion()).isTrue();
    assertThat(e.wordCount()).isEqualTo(14);
    assertThat(e.words()).extracting(TextExplanation.Word::word).containsExactly("terrible", "quality", "returned",
        "it", "I", "love", "it", "Nobody", "answers", "my", "emails", "about", "the", "refund");
    assertThat(e.words().get(0).removalDrop())
        .isCloseTo(whole - negative("quality, returned it. I love it. Nobody answers my emails about the refund."),
            within(1e-6));
    assertThat(e.words().get(13).removalDrop())
        .isCloseTo(whole - negative("terrible quality, returned it. I love it. Nobody answers my emails about the ."),
            within(1e-6));
    assertThat(e.words().get(5).removalDrop())
        .isCloseTo(whole - negative("terrible quality, returned it. I it. Nobody answers my emails about the refund."),
            within(1e-6));
    List<TextExplanation.Word> top = e.topWords(5);
    assertThat(top).isSortedAccordingTo((a, b) -> Double.compare(b.removalDrop(), a.removalDrop()));
    assertThat(top).allMatch(w -> w.removalDrop() > 0);
  }

  @Test
  void aTextOverTheWordBoundGetsSentencesOnly() {
    double whole = negative(LONG);
    TextExplanation e = new Explainer(model, new ExplainOptions(Integer.MAX_VALUE, 40, 3, 5))
        .explain(List.of(LONG), List.of(whole)).get(0).orElseThrow();

    assertThat(e.wordCount()).isEqualTo(52);
    assertThat(e.wordOcclusion()).isFalse();
    assertThat(e.words()).isEmpty();
    assertThat(e.sentences()).hasSize(4);
    assertThat(e.sentences().get(3).negativeAlone())
        .isCloseTo(negative("I wrote twice and nobody answered."), within(1e-6));
  }

  @Test
  void aOneSentenceTextIsItsOwnSentenceAloneAndWithoutItNothingIsLeft() {
    String text = "Nobody answers my emails about the refund";
    double whole = negative(text);
    TextExplanation e = new Explainer(model, ExplainOptions.UNBOUNDED).explain(List.of(text), List.of(whole))
        .get(0).orElseThrow();
    assertThat(e.sentences()).hasSize(1);
    assertThat(e.sentences().get(0).negativeAlone()).isEqualTo(whole);
    assertThat(e.sentences().get(0).removalDrop()).isCloseTo(whole - negative(""), within(1e-6));
  }

  @Test
  void theBudgetGoesToSentencesAloneFirstThenToOcclusionAndPastItToNothing() {
    String first = TEXT;
    String second = "Where is my parcel? Nobody answers.";
    List<Double> negatives = List.of(negative(first), negative(second));
    int aloneFirst = model.cost("terrible quality, returned it.") + model.cost("I love it.")
        + model.cost("Nobody answers my emails about the refund.");
    int aloneSecond = model.cost("Where is my parcel?") + model.cost("Nobody answers.");

    // room for both texts' sentences alone, not for any occlusion
    List<Optional<TextExplanation>> shallow = new Explainer(model,
        new ExplainOptions(aloneFirst + aloneSecond, 40, 3, 5)).explain(List.of(first, second), negatives);
    assertThat(shallow).allMatch(Optional::isPresent);
    assertThat(shallow.get(0).get().modelTokens()).isEqualTo(aloneFirst);
    assertThat(shallow.get(1).get().modelTokens()).isEqualTo(aloneSecond);
    assertThat(shallow.get(0).get().sentenceOcclusion()).isFalse();
    assertThat(shallow.get(0).get().wordOcclusion()).isFalse();
    assertThat(shallow.get(0).get().sentences().get(0).removalDrop()).isNaN();
    // without occlusion the rank is the sentence alone
    assertThat(shallow.get(1).get().rankedSentences().get(0).negativeAlone())
        .isEqualTo(Math.max(negative("Where is my parcel?"), negative("Nobody answers.")));

    // room for the first text's sentences alone only
    List<Optional<TextExplanation>> one = new Explainer(model, new ExplainOptions(aloneFirst, 40, 3, 5))
        .explain(List.of(first, second), negatives);
    assertThat(one.get(0)).isPresent();
    assertThat(one.get(1)).isEmpty();
  }
}
