package io.feedbackpulse.reasons;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.inference.InferenceOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reasons from the real bge-small-en-v1.5 encoder and the shipped e-commerce taxonomy. */
class ReasonScorerTest {
  private static final ReasonOptions OPTIONS = new ReasonOptions(Optional.empty(), 2, 0.55);
  private static ReasonScorer descriptionsOnly;
  private static ReasonScorer withExamples;

  @BeforeAll
  static void load() {
    descriptionsOnly = ReasonScorer.of(ReasonTaxonomy.defaults().withoutExamples(),
        SentenceEmbedder.bge(InferenceOptions.DEFAULT), OPTIONS);
    withExamples = ReasonScorer.of(ReasonTaxonomy.defaults(), SentenceEmbedder.bge(InferenceOptions.DEFAULT), OPTIONS);
  }

  @AfterAll
  static void close() {
    descriptionsOnly.close();
    withExamples.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "my parcel never arrived|delivery",
      "charged twice on my card|billing_and_payment",
      "I sent the dress back three weeks ago and still no refund|returns_and_refunds",
      "the handle snapped off after two days|product_quality",
      "you sent me a medium instead of the large I ordered|wrong_or_missing_item",
      "the agent on the phone was rude and hung up on me|customer_service",
      "the app crashes every time I open the checkout|website_and_app",
      "I can't log into my account, the reset link doesn't work|account_and_login",
      "way overpriced for what it is|price"})
  void theTopReasonFromDescriptionsAloneIsTheComplaint(String text, String reason) {
    assertThat(descriptionsOnly.reasons(ReasonQuery.of(text)).get(0).name()).as(text).isEqualTo(reason);
    assertThat(withExamples.reasons(ReasonQuery.of(text)).get(0).name()).as(text).isEqualTo(reason);
  }

  @Test
  void atMostTopReasonsBestFirstAllAtOrAboveTheMinimum() {
    List<ReasonScore> reasons = withExamples.reasons(ReasonQuery.of(
        "The parcel came a week late and the shoes inside were the wrong size"));

    assertThat(reasons).hasSizeBetween(1, 2);
    assertThat(reasons).allSatisfy(r -> assertThat(r.score()).isGreaterThanOrEqualTo(0.55));
    assertThat(reasons.get(0).score()).isGreaterThanOrEqualTo(reasons.get(reasons.size() - 1).score());
  }

  @ParameterizedTest
  @CsvSource({"the weather is nice today", "hello", "ok"})
  void aTextAboutNoReasonIsOther(String text) {
    assertThat(withExamples.reasons(ReasonQuery.of(text))).extracting(ReasonScore::name)
        .containsExactly(ReasonTaxonomy.OTHER);
  }

  @Test
  void noReasonAboveTheMinimumIsOther() {
    try (ReasonScorer strict = ReasonScorer.of(ReasonTaxonomy.defaults(), SentenceEmbedder.bge(InferenceOptions.DEFAULT),
        new ReasonOptions(Optional.empty(), 2, 0.99))) {
      List<ReasonScore> reasons = strict.reasons(ReasonQuery.of("my parcel never arrived"));

      assertThat(reasons).hasSize(1);
      assertThat(reasons.get(0).name()).isEqualTo(ReasonTaxonomy.OTHER);
      assertThat(reasons.get(0).score()).as("the best reason's score, for the record").isLessThan(0.99);
    }
  }

  @Test
  void theSameTextGetsTheSameScoresAloneOrInABatch() {
    String text = "nobody answers my emails about the broken blender";
    List<ReasonScore> alone = withExamples.reasons(ReasonQuery.of(text));
    List<List<ReasonScore>> batch = withExamples.reasons(List.of(ReasonQuery.of("ok"), ReasonQuery.of(text),
        ReasonQuery.of("the website is down again and again and again, for the third time this week")));

    assertThat(batch.get(1)).isEqualTo(alone);
    assertThat(withExamples.reasons(ReasonQuery.of(text))).isEqualTo(alone);
  }

  @Test
  void theMostNegativeSentenceFindsTheComplaintALongTextDilutes() {
    String text = "I have shopped with you for years and usually love the dresses, the colours are lovely and "
        + "the fit is always right for me. My last parcel never arrived.";
    String sentence = "My last parcel never arrived.";

    ReasonScore withSentence = withExamples.reasons(new ReasonQuery(text, Optional.of(sentence))).get(0);

    assertThat(withSentence.name()).isEqualTo("delivery");
    double textAlone = withExamples.scores(List.of(text)).get(0)[withExamples.names().indexOf("delivery")];
    assertThat(withSentence.score()).isGreaterThan(textAlone);
  }
}
