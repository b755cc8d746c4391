package io.feedbackpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SampleReviewsTest {

  @Test
  void theCommittedSampleHasEveryLabelAndOnlyRowsWithText() {
    List<SampleReview> reviews = SampleReviews.load();

    Map<Integer, Long> perLabel = reviews.stream()
        .collect(Collectors.groupingBy(SampleReview::sentiment, Collectors.counting()));
    assertThat(reviews).hasSize(600);
    assertThat(perLabel).containsEntry(-1, 200L).containsEntry(0, 150L).containsEntry(1, 250L);
    assertThat(reviews).allSatisfy(review -> assertThat(review.text()).isNotBlank());
    assertThat(reviews).anySatisfy(review -> assertThat(review.text()).contains("\n"));
  }

  @Test
  void mapsColumnsByHeaderNameInAnyOrderAndSkipsRowsWithoutText() {
    String csv = "Clothing ID,Rating,Review Text,Title,Division Name,Department Name,Class Name\n"
        + "1077,2,\"Too small, \"\"petite\"\" runs tiny\",Disappointed,General,Dresses,Dresses\n"
        + "767,5,,Only a title,General,Intimate,Intimates\n";

    List<SampleReview> reviews = SampleReviews.parse(new StringReader(csv));

    assertThat(reviews).containsExactly(new SampleReview("Disappointed", "Too small, \"petite\" runs tiny", 2,
        "Dresses", "Dresses", "General", "1077"));
  }

  @Test
  void needsTheTextAndRatingColumns() {
    assertThatThrownBy(() -> SampleReviews.parse(new StringReader("Title,Rating\nx,1\n")))
        .hasMessageContaining("'Review Text'");
  }

  @Test
  void labelsFollowTheProjectConvention() {
    Function<Integer, Integer> label = stars -> new SampleReview("", "t", stars, "", "", "", "1").sentiment();
    assertThat(List.of(1, 2, 3, 4, 5)).map(label).containsExactly(-1, -1, 0, 1, 1);
  }
}
