package io.feedbackpulse.pipeline;

import static io.feedbackpulse.testing.LabelledRecords.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.LabelledFeedback;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataChecksTest {

  /** chat: 2 negative, 1 neutral, 1 positive; email: 1 negative, 0 neutral, 3 positive. */
  private static List<LabelledFeedback> twoChannels() {
    return List.of(item("chat:1", "broken", -1), item("chat:2", "late", -1), item("chat:3", "ok", 0),
        item("chat:4", "great", 1), item("email:1", "refund now", -1), item("email:2", "thanks", 1),
        item("email:3", "lovely", 1), item("email:4", "perfect", 1));
  }

  @Test
  void enoughRowsWithEveryLabelPassAndTheReportGivesEachChannelsSharesImbalanceAndDpl() {
    DataChecks.Result result = new DataChecks(8).check(twoChannels());

    assertThat(result.passed()).isTrue();
    // worked by hand: each channel is half the items, so CI = (4 - 4) / 8 = 0
    assertThat(result.report()).containsEntry("chat.share.negative", "0.5000")
        .containsEntry("chat.share.neutral", "0.2500").containsEntry("chat.share.positive", "0.2500")
        .containsEntry("email.share.positive", "0.7500")
        .containsEntry("chat.class_imbalance", "0.0000")
        // DPL of positive labels: the other channel's share less this one's; 3/4 - 1/4 and 1/4 - 3/4
        .containsEntry("chat.dpl_positive", "0.5000").containsEntry("email.dpl_positive", "-0.5000");
  }

  @Test
  void tooFewRowsAMissingLabelADuplicateIdAndAnEmptyTextEachFail() {
    List<LabelledFeedback> items = new ArrayList<>(List.of(item("chat:1", "broken", -1), item("chat:2", " ", 1),
        item("chat:1", "broken again", -1)));

    DataChecks.Result result = new DataChecks(200).check(items);

    assertThat(result.passed()).isFalse();
    assertThat(result.failures()).containsExactly("3 rows, below pipeline.checks.min-rows 200",
        "no items labelled neutral (0)", "1 ids more than once, first chat:1", "1 items with an empty text");
  }

  @Test
  void exactlyTheMinimumOfRowsPasses() {
    assertThat(new DataChecks(8).check(twoChannels().subList(0, 8)).passed()).isTrue();
    assertThat(new DataChecks(9).check(twoChannels()).failures()).containsExactly(
        "8 rows, below pipeline.checks.min-rows 9");
  }

  @Test
  void aSingleChannelHasNoOtherToCompareItsLabelsWith() {
    DataChecks.Result result = new DataChecks(1).check(twoChannels().subList(0, 4));

    assertThat(result.report()).containsEntry("chat.class_imbalance", "-1.0000")
        .containsEntry("chat.dpl_positive", "n/a (no other channel)");
  }
}
