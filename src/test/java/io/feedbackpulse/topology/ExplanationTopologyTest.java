package io.feedbackpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.feedbackpulse.avro.Explanation;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.inference.Sentiment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts carry their explanation. The texts are chosen so that the tiny model's verdict sits in one sentence:
 * "Nobody answers my emails about the refund." is the most negative alone (0.68 against 0.12 and 0.29) and
 * the one whose removal lowers the text's negative probability (the others raise it); the figures below are
 * the model's own on the sentences and the occluded texts, scored one by one.
 */
class ExplanationTopologyTest {
  private static final Instant T0 = TopologyFixture.T0;
  private static final String COMPLAINT = "Nobody answers my emails about the refund.";
  private static final String TEXT = "terrible quality, returned it. I love it. " + COMPLAINT;
  private TopologyFixture f;

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void anAlertNamesItsMostNegativeSentenceAndItsExcerptStartsThere() {
    f = new TopologyFixture(Map.of("alerts.negative-threshold", "0.5"));
    f.json("feedback.raw.chat", null, "{\"messageId\":\"c-1\",\"text\":\"" + TEXT + "\",\"sessionId\":\"s-7\"}", T0);
    f.json("feedback.raw.chat", null, "{\"messageId\":\"c-2\",\"text\":\"I love it.\"}", T0);

    Map<String, ScoredFeedback> scored = f.scored.readKeyValuesToMap();
    assertThat(scored.get("chat:c-2").getExplanation()).as("no alert, no explanation").isNull();
    SupportAlert alert = f.alerts.readKeyValuesToMap().get("chat:c-1");
    assertThat(alert.getCaseId()).isEqualTo("session:s-7");
    Explanation e = alert.getExplanation();
    assertThat(scored.get("chat:c-1").getExplanation()).as("explained after scoring, on the way to the alert")
        .isNull();
    assertThat(e.getSentenceCount()).isEqualTo(3);
    assertThat(e.getSentences().get(0).getText()).isEqualTo(COMPLAINT);
    assertThat(e.getSentences().get(0).getIndex()).isEqualTo(2);
    double whole = negative(TEXT);
    assertThat(e.getSentences().get(0).getNegativeAlone()).isCloseTo(negative(COMPLAINT), within(1e-6));
    assertThat(e.getSentences().get(0).getRemovalDrop())
        .isCloseTo(whole - negative("terrible quality, returned it. I love it."), within(1e-6));
    assertThat(e.getSentenceOcclusion()).isTrue();
    assertThat(e.getWordOcclusion()).isTrue();
    assertThat(e.getWords()).isNotEmpty().allMatch(w -> w.getRemovalDrop() > 0);
    assertThat(e.getModelTokens()).isPositive();
    assertThat(alert.getExcerpt()).isEqualTo("…" + COMPLAINT);
  }

  @Test
  void theScoredItemIsWrittenAtOnceAndItsAlertOnceTheWorkerHasExplainedIt() {
    ManualWorker worker = new ManualWorker();
    f = new TopologyFixture(Map.of("alerts.negative-threshold", "0.5"), worker);
    f.json("feedback.raw.chat", null, "{\"messageId\":\"c-1\",\"text\":\"" + TEXT + "\"}", T0);
    f.json("feedback.raw.chat", null, "{\"messageId\":\"c-2\",\"text\":\"I love it.\"}", T0);

    assertThat(f.scored.readKeyValuesToMap()).containsOnlyKeys("chat:c-1", "chat:c-2");
    assertThat(f.alerts.isEmpty()).as("the alert waits for the worker").isTrue();
    assertThat(worker.runAll()).isEqualTo(1);
    f.advanceWallClock(Duration.ofMillis(50));
    SupportAlert alert = f.alerts.readValue();
    assertThat(alert.getFeedbackId()).isEqualTo("chat:c-1");
    assertThat(alert.getExplanation().getSentences().get(0).getText()).isEqualTo(COMPLAINT);
    assertThat(alert.getReasons()).isNotEmpty();
    assertThat(f.alerts.isEmpty()).isTrue();
  }

  @Test
  void withNoBudgetAlertsGoUnexplainedAndTheExcerptIsTheTextsStart() {
    f = new TopologyFixture(Map.of("alerts.negative-threshold", "0.5", "explain.max-tokens", "0"));
    f.json("feedback.raw.chat", null, "{\"messageId\":\"c-1\",\"text\":\"" + TEXT + "\"}", T0);
    SupportAlert alert = f.alerts.readKeyValuesToMap().get("chat:c-1");
    assertThat(alert.getExplanation()).isNull();
    assertThat(alert.getExcerpt()).isEqualTo(TEXT);
    assertThat(alert.getCaseId()).isEqualTo("item:chat:c-1");
  }

  @Test
  void batchMaxTokensBoundsAnExplanationCallToo() {
    // one model token is not enough to explain anything: the item is scored and alerts unexplained
    f = new TopologyFixture(Map.of("alerts.negative-threshold", "0.5", "batch.max-tokens", "1"));
    f.json("feedback.raw.chat", null, "{\"messageId\":\"c-1\",\"text\":\"" + TEXT + "\"}", T0);
    SupportAlert alert = f.alerts.readKeyValuesToMap().get("chat:c-1");
    assertThat(alert.getExplanation()).isNull();
    assertThat(alert.getExcerpt()).isEqualTo(TEXT);
  }

  @Test
  void steadyAlertsDrainTheInstancesBudgetAndTheNextOneGoesUnexplainedUntilItRefills() {
    f = new TopologyFixture(Map.of("alerts.negative-threshold", "0.5"));
    f.json("feedback.raw.chat", null, "{\"messageId\":\"c-0\",\"text\":\"" + TEXT + "\"}", T0);
    int fullCost = f.alerts.readKeyValuesToMap().get("chat:c-0").getExplanation().getModelTokens();
    f.close();

    // a bucket that holds one full explanation and refills at one model token a second
    f = new TopologyFixture(Map.of("alerts.negative-threshold", "0.5",
        "explain.max-tokens", Integer.toString(fullCost), "explain.tokens-per-second", "1"));
    f.json("feedback.raw.chat", null, "{\"messageId\":\"c-1\",\"text\":\"" + TEXT + "\"}", T0);
    Explanation first = f.alerts.readKeyValuesToMap().get("chat:c-1").getExplanation();
    assertThat(first.getModelTokens()).isEqualTo(fullCost);
    assertThat(first.getWordOcclusion()).isTrue();
    f.json("feedback.raw.chat", null, "{\"messageId\":\"c-2\",\"text\":\"" + TEXT + "\"}", T0.plusSeconds(1));
    SupportAlert second = f.alerts.readKeyValuesToMap().get("chat:c-2");
    assertThat(second.getExplanation()).as("the first alert spent the bucket").isNull();
    assertThat(f.scored.readKeyValuesToMap()).containsKeys("chat:c-1", "chat:c-2");
  }

  private double negative(String text) {
    return f.oracle(text).probability(Sentiment.NEGATIVE);
  }
}
