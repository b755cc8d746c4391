package io.feedbackpulse.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.inference.Sentiment;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Splits drawn per source: each source's held-out share is its own, stratified by label. */
class TrainingSplitsTest {
  @Test
  void oneSourceSplitsExactlyAsTheSingleFileTrainingDid() {
    List<LabeledExample> all = examples("reviews", "review", 40, 20, 140);
    TrainingSplits splits = TrainingSplits.of(all, 7, 0.15, 0.1);

    // the split the shipped default was trained with: test first (seed), then validation (seed + 1)
    Splits.Split<LabeledExample> outer = Splits.stratified(new ArrayList<>(all), LabeledExample::label, 0.15, 7);
    Splits.Split<LabeledExample> inner = Splits.stratified(outer.train(), LabeledExample::label, 0.1, 8);
    assertThat(splits.test()).containsExactlyElementsOf(outer.test());
    assertThat(splits.validation()).containsExactlyElementsOf(inner.test());
    assertThat(splits.train()).containsExactlyElementsOf(inner.train());
  }

  @Test
  void everySourceHoldsOutItsOwnStratifiedShare() {
    List<LabeledExample> all = new ArrayList<>(examples("tweets", "tweet", 20, 60, 40));
    all.addAll(examples("reviews", "review", 40, 20, 140));
    TrainingSplits splits = TrainingSplits.of(all, 7, 0.15, 0.1);

    // tweets: round(0.15 * 20) = 3, round(0.15 * 60) = 9, round(0.15 * 40) = 6 held out
    assertThat(count(splits.test(), "tweets", Sentiment.NEGATIVE)).isEqualTo(3);
    assertThat(count(splits.test(), "tweets", Sentiment.NEUTRAL)).isEqualTo(9);
    assertThat(count(splits.test(), "tweets", Sentiment.POSITIVE)).isEqualTo(6);
    // reviews: 6, 3, 21 held out; of the rest (34, 17, 119), round(0.1 * n) = 3, 2, 12 validate
    assertThat(count(splits.test(), "reviews", Sentiment.NEGATIVE)).isEqualTo(6);
    assertThat(count(splits.test(), "reviews", Sentiment.NEUTRAL)).isEqualTo(3);
    assertThat(count(splits.test(), "reviews", Sentiment.POSITIVE)).isEqualTo(21);
    assertThat(count(splits.validation(), "reviews", Sentiment.NEGATIVE)).isEqualTo(3);
    assertThat(count(splits.validation(), "reviews", Sentiment.NEUTRAL)).isEqualTo(2);
    assertThat(count(splits.validation(), "reviews", Sentiment.POSITIVE)).isEqualTo(12);

    Set<String> seen = new HashSet<>();
    for (List<LabeledExample> part : List.of(splits.train(), splits.validation(), splits.test())) {
      for (LabeledExample e : part) {
        assertThat(seen.add(e.text())).as("in two parts: " + e.text()).isTrue();
      }
    }
    assertThat(seen).hasSize(all.size());
    assertThat(splits.sources()).containsExactly("tweets", "reviews");
  }

  @Test
  void aSourcesSplitDoesNotDependOnTheSourcesAfterIt() {
    List<LabeledExample> tweets = examples("tweets", "tweet", 20, 60, 40);
    List<LabeledExample> more = new ArrayList<>(tweets);
    more.addAll(examples("news", "news", 10, 10, 10));
    assertThat(TrainingSplits.of(more, 3, 0.15, 0.1).test().stream().filter(e -> e.source().equals("tweets")))
        .containsExactlyElementsOf(TrainingSplits.of(tweets, 3, 0.15, 0.1).test());
  }

  @Test
  void readsSourceAndDomainColumnsAndNamesTheRestAfterTheirFile() throws Exception {
    List<LabeledExample> rows = LabeledCsv.read(new StringReader(
        "text,label,domain,source\nnice,1,tweet,sanders\nbad,-1,,\n"), "x.csv", "x");
    assertThat(rows).containsExactly(new LabeledExample("nice", Sentiment.POSITIVE, "sanders", "tweet"),
        new LabeledExample("bad", Sentiment.NEGATIVE, "x", "x"));
  }

  private static long count(List<LabeledExample> part, String source, Sentiment label) {
    return part.stream().filter(e -> e.source().equals(source) && e.label() == label).count();
  }

  private static List<LabeledExample> examples(String source, String domain, int negative, int neutral,
      int positive) {
    List<LabeledExample> out = new ArrayList<>();
    int[] counts = {negative, neutral, positive};
    for (Sentiment s : Sentiment.values()) {
      for (int i = 0; i < counts[s.index()]; i++) {
        out.add(new LabeledExample(source + " " + s.label() + " " + i, s, source, domain));
      }
    }
    return out;
  }
}
