package io.feedbackpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.web.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Copies of an item (same canonical id, same content) are dropped before scoring and counted; edits (same
 * id, other content) are scored as revisions and never raise a second alert; after dedupe.window an item
 * is new again. The tiny RoBERTa model is the oracle for which texts are negative; every negative alerts.
 */
class DeduplicationTopologyTest {
  private static final Instant T0 = TopologyFixture.T0;
  private static final Map<String, String> EVERY_NEGATIVE_ALERTS = Map.of("alerts.negative-threshold", "0.0",
      "alerts.medium-priority-threshold", "1.01", "alerts.high-priority-threshold", "1.01",
      "dedupe.window", "PT1H");
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TopologyFixture f = new TopologyFixture(EVERY_NEGATIVE_ALERTS, boundTo(registry));

  private static ServiceMetrics boundTo(PrometheusMeterRegistry registry) {
    ServiceMetrics metrics = new ServiceMetrics(List.of("email", "chat", "app", "social"));
    metrics.bindTo(registry);
    return metrics;
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aCopyIsDroppedUnscoredAndCountedAndAlertsOnce() {
    String negative = text(Sentiment.NEGATIVE, true);
    // a retry with another key and a later record timestamp, and a copy whose original text differs only in
    // what normalization removes: all the same item
    f.json("feedback.raw.chat", "cust-1", chat("c-1", negative, "cust-1"), T0);
    f.json("feedback.raw.chat", "other-key", chat("c-1", negative, "cust-1"), T0.plusSeconds(10));
    f.json("feedback.raw.chat", null, chat("c-1", "  " + negative + "\\n", "cust-1"), T0.plusSeconds(20));
    // without a customer: the other alert branch
    f.json("feedback.raw.app", null, app("r-1", negative), T0.plusSeconds(30));
    f.json("feedback.raw.app", null, app("r-1", negative), T0.plusSeconds(40));

    List<KeyValue<String, ScoredFeedback>> scored = f.scored.readKeyValuesToList();
    assertThat(scored).extracting(kv -> kv.key).containsExactly("chat:c-1", "app:r-1");
    assertThat(scored).allSatisfy(kv -> assertThat(kv.value.getFeedback().getRevision()).isZero());
    assertThat(f.alerts.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("chat:c-1", "app:r-1");
    assertThat(registry.get("feedback.duplicates").tags("channel", "chat").counter().count()).isEqualTo(2);
    assertThat(registry.get("feedback.duplicates").tags("channel", "app").counter().count()).isEqualTo(1);
    assertThat(registry.scrape()).contains("feedback_duplicates_total{channel=\"chat\"} 2.0");
    assertThat(f.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void anEditIsScoredAsARevisionAndNeverRaisesASecondAlert() {
    String negative = text(Sentiment.NEGATIVE, true);
    String otherNegative = text(Sentiment.NEGATIVE, false);
    f.json("feedback.raw.chat", null, chat("c-1", negative, "cust-1"), T0);
    f.json("feedback.raw.chat", null, chat("c-1", otherNegative, "cust-1"), T0.plusSeconds(10));
    f.json("feedback.raw.app", null, app("r-1", negative), T0.plusSeconds(20));
    f.json("feedback.raw.app", null, app("r-1", otherNegative), T0.plusSeconds(30));
    // the copy of an edit is a copy too
    f.json("feedback.raw.app", null, app("r-1", otherNegative), T0.plusSeconds(40));
    // the edit back to the first text is one more revision
    f.json("feedback.raw.app", null, app("r-1", negative), T0.plusSeconds(50));

    List<KeyValue<String, ScoredFeedback>> scored = f.scored.readKeyValuesToList();
    assertThat(scored).extracting(kv -> kv.key + "#" + kv.value.getFeedback().getRevision())
        .containsExactly("chat:c-1#0", "chat:c-1#1", "app:r-1#0", "app:r-1#1", "app:r-1#2");
    assertThat(scored.get(1).value.getFeedback().getText()).isEqualTo(otherNegative);
    List<KeyValue<String, SupportAlert>> alerts = f.alerts.readKeyValuesToList();
    assertThat(alerts).extracting(kv -> kv.key).containsExactlyInAnyOrder("chat:c-1", "app:r-1");
    assertThat(alerts).extracting(kv -> kv.value.getExcerpt()).containsOnly(negative);
    assertThat(registry.get("feedback.duplicates").tags("channel", "app").counter().count()).isEqualTo(1);
  }

  @Test
  void anEditThatTurnsNegativeRaisesTheItemsFirstAlert() {
    String notNegative = text(Sentiment.NEGATIVE, true, false);
    String negative = text(Sentiment.NEGATIVE, true);
    f.json("feedback.raw.chat", null, chat("c-1", notNegative, "cust-1"), T0);
    f.json("feedback.raw.chat", null, chat("c-1", negative, "cust-1"), T0.plusSeconds(10));

    assertThat(f.scored.readValuesToList()).extracting(s -> s.getFeedback().getRevision()).containsExactly(0, 1);
    assertThat(f.alerts.readValuesToList()).extracting(SupportAlert::getExcerpt).containsExactly(negative);
  }

  @Test
  void afterTheWindowWithoutASightingTheSameContentIsNewAgain() {
    String negative = text(Sentiment.NEGATIVE, true);
    f.json("feedback.raw.chat", null, chat("c-1", negative, null), T0);
    // copies within the hour are dropped, and each starts the hour again: 100 min after the first is a copy
    f.json("feedback.raw.chat", null, chat("c-1", negative, null), T0.plus(Duration.ofMinutes(50)));
    f.json("feedback.raw.chat", null, chat("c-1", negative, null), T0.plus(Duration.ofMinutes(100)));
    f.json("feedback.raw.chat", null, chat("c-2", text(Sentiment.NEGATIVE, true, false), null),
        T0.plus(Duration.ofMinutes(155)));
    assertThat(keys(f.scored.readKeyValuesToList())).containsExactly("chat:c-1", "chat:c-2");

    // more than an hour of stream time after the last sighting
    f.json("feedback.raw.chat", null, chat("c-1", negative, null), T0.plus(Duration.ofMinutes(161)));
    List<ScoredFeedback> again = f.scored.readValuesToList();
    assertThat(again).extracting(s -> s.getFeedback().getId()).containsExactly("chat:c-1");
    assertThat(again.get(0).getFeedback().getRevision()).as("new again, not an edit").isZero();
    assertThat(keys(f.alerts.readKeyValuesToList())).as("a new item, so a new alert")
        .containsExactly("chat:c-1", "chat:c-1");
    assertThat(registry.get("feedback.duplicates").tags("channel", "chat").counter().count()).isEqualTo(2);
  }

  private static List<String> keys(List<? extends KeyValue<String, ?>> records) {
    return records.stream().map(kv -> kv.key).toList();
  }

  /** The first text the tiny model gives (or, with {@code is} false, does not give) that label. */
  private String text(Sentiment label, boolean first) {
    return text(label, first, true);
  }

  private String text(Sentiment label, boolean first, boolean is) {
    List<String> found = List.of("The zipper broke the first day", "terrible quality, returned it", "awful", "no",
            "Nobody answers my emails about the refund", "ok", "great", "love it", "Fits perfectly, love the colour")
        .stream().filter(t -> (f.oracle(t).label() == label) == is).toList();
    assertThat(found).as("texts the tiny model %s %s", is ? "calls" : "does not call", label).hasSizeGreaterThan(1);
    return first ? found.get(0) : found.get(1);
  }

  private static String chat(String id, String text, String customer) {
    return "{\"messageId\":\"" + id + "\",\"text\":\"" + text + "\""
        + (customer == null ? "" : ",\"customerId\":\"" + customer + "\"") + "}";
  }

  private static String app(String id, String text) {
    return "{\"reviewId\":\"" + id + "\",\"text\":\"" + text + "\"}";
  }
}
