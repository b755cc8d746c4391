package io.feedbackpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.feedbackpulse.avro.AlertPriority;
import io.feedbackpulse.avro.CaseAlert;
import io.feedbackpulse.avro.CaseReason;
import io.feedbackpulse.avro.CaseStatus;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.SupportCase;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cases from alerts, by the alerts' time (stream time, run on by the wall clock while no alert arrives): opened,
 * grown, escalated past cases.escalate-after, closed after cases.idle-close without an alert, and deleted by a
 * tombstone cases.retention later. Every chat text here is negative for the tiny model, and every alert LOW (the
 * priority thresholds are out of reach).
 */
class CasesTopologyTest {
  private static final Instant T0 = TopologyFixture.T0;
  private static final String NEGATIVE = "Nobody answers my emails about the refund";
  private static final String PARCEL = "My parcel never arrived and nobody tells me where it is";
  private TopologyFixture f;
  private TestOutputTopic<String, SupportCase> cases;

  @BeforeEach
  void start() {
    f = new TopologyFixture(Map.of("alerts.negative-threshold", "0.0", "alerts.medium-priority-threshold", "1.01",
        "alerts.high-priority-threshold", "1.01", "alerts.multi-channel-min", "99", "cases.idle-close", "PT1H",
        "cases.retention", "PT2H", "cases.escalate-after", "2"));
    cases = f.driver.createOutputTopic("support.cases", new StringDeserializer(),
        f.avro.specific(SupportCase.class, false).deserializer());
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aCustomersAlertsOpenGrowAndEscalateOneCaseThatClosesWhenIdleAndGoes() {
    chat("c-1", "\"customerId\":\"cust-1\"", T0);
    List<TestRecord<String, SupportCase>> opened = cases.readRecordsToList();
    assertThat(opened).hasSize(1);
    SupportCase first = opened.get(0).value();
    assertThat(opened.get(0).key()).isEqualTo("customer:cust-1");
    assertThat(first.getStatus()).isEqualTo(CaseStatus.OPEN);
    assertThat(first.getAlertCount()).isEqualTo(1);
    assertThat(first.getPriority()).isEqualTo(AlertPriority.LOW);
    assertThat(first.getEscalated()).isFalse();
    assertThat(first.getOpenedAt()).isEqualTo(T0);
    assertThat(first.getCustomerId()).isEqualTo("cust-1");

    f.json("feedback.raw.app", null, "{\"reviewId\":\"r-1\",\"text\":\"" + NEGATIVE + "\",\"customerId\":\"cust-1\","
        + "\"submittedAt\":" + T0.plusSeconds(600).toEpochMilli() + "}", T0.plusSeconds(600));
    SupportCase grown = single(cases.readRecordsToList());
    assertThat(grown.getAlertCount()).isEqualTo(2);
    assertThat(grown.getChannels()).containsExactly("chat", "app");
    assertThat(grown.getAlerts()).extracting(CaseAlert::getFeedbackId).containsExactly("chat:c-1", "app:r-1");
    assertThat(grown.getPriority()).isEqualTo(AlertPriority.LOW);
    assertThat(grown.getEscalated()).isFalse();
    assertThat(grown.getLastAlertAt()).isEqualTo(T0.plusSeconds(600));

    chat("c-2", "\"customerId\":\"cust-1\"", T0.plusSeconds(1200));
    SupportCase escalated = single(cases.readRecordsToList());
    assertThat(escalated.getAlertCount()).isEqualTo(3);
    assertThat(escalated.getEscalated()).isTrue();
    assertThat(escalated.getPriority()).isEqualTo(AlertPriority.HIGH);
    assertThat(escalated.getLatestExplanation()).isNotNull();
    assertThat(escalated.getLatestExcerpt()).isEqualTo(NEGATIVE);

    Map<String, SupportAlert> alerts = f.alerts.readKeyValuesToMap();
    assertThat(alerts.values()).extracting(SupportAlert::getCaseId).containsOnly("customer:cust-1");

    // 1 h 20 min on, an alert of someone else moves stream time past cust-1's idle span (last alert + 1 h)
    Instant later = T0.plus(Duration.ofMinutes(81));
    chat("c-3", "\"sessionId\":\"s-9\"", later);
    List<TestRecord<String, SupportCase>> closing = cases.readRecordsToList();
    assertThat(closing).extracting(TestRecord::key).containsExactlyInAnyOrder("customer:cust-1", "session:s-9");
    SupportCase closed = valueOf(closing, "customer:cust-1");
    assertThat(closed.getStatus()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.getClosedAt()).isEqualTo(T0.plus(Duration.ofMinutes(80)));
    assertThat(closed.getAlertCount()).isEqualTo(3);
    assertThat(valueOf(closing, "session:s-9").getStatus()).isEqualTo(CaseStatus.OPEN);

    // retention (2 h) after cust-1's case closed: its tombstone; the session's case (last alert at 1:21) closes
    Instant muchLater = T0.plus(Duration.ofMinutes(200));
    chat("c-4", "", muchLater);
    List<TestRecord<String, SupportCase>> after = cases.readRecordsToList();
    assertThat(after).filteredOn(r -> r.key().equals("customer:cust-1")).singleElement()
        .satisfies(r -> assertThat(r.value()).as("tombstone").isNull());
    assertThat(valueOf(after, "session:s-9").getStatus()).isEqualTo(CaseStatus.CLOSED);
    assertThat(valueOf(after, "item:chat:c-4").getStatus()).isEqualTo(CaseStatus.OPEN);
    assertThat(f.driver.<String, SupportCase>getKeyValueStore(FeedbackTopology.OPEN_CASES_STORE)
        .get("customer:cust-1")).isNull();
  }

  /** The case counts the reasons its alerts give, most given first. */
  @Test
  void aCasesReasonsCountThoseOfItsAlertsMostGivenFirst() {
    chat("c-1", "\"customerId\":\"cust-1\"", T0);
    f.json("feedback.raw.chat", null, "{\"messageId\":\"c-2\",\"text\":\"" + PARCEL + "\",\"customerId\":\"cust-1\","
        + "\"sentAt\":" + T0.plusSeconds(60).toEpochMilli() + "}", T0.plusSeconds(60));
    chat("c-3", "\"customerId\":\"cust-1\"", T0.plusSeconds(120));

    List<SupportAlert> alerts = f.alerts.readValuesToList();
    assertThat(alerts).hasSize(3);
    assertThat(alerts.get(1).getReasons().get(0).getName()).isEqualTo("delivery");
    assertThat(alerts.get(0).getReasons()).isEqualTo(alerts.get(2).getReasons()).isNotEmpty();
    Map<String, Integer> expected = new LinkedHashMap<>();
    alerts.forEach(a -> a.getReasons().forEach(r -> expected.merge(r.getName(), 1, Integer::sum)));
    SupportCase last = cases.readRecordsToList().stream().reduce((a, b) -> b).orElseThrow().value();
    assertThat(last.getReasons()).extracting(CaseReason::getName, CaseReason::getAlerts)
        .containsExactlyInAnyOrderElementsOf(expected.entrySet().stream()
            .map(e -> tuple(e.getKey(), e.getValue())).toList());
    assertThat(last.getReasons()).extracting(CaseReason::getAlerts).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(last.getReasons().get(0).getName()).as("both alerts of the first text give it")
        .isEqualTo(alerts.get(0).getReasons().get(0).getName());
  }

  @Test
  void aCustomerWhoAlertsAgainAfterTheCaseClosedOpensANewOne() {
    chat("c-1", "\"customerId\":\"cust-2\"", T0);
    cases.readRecordsToList();
    Instant later = T0.plus(Duration.ofMinutes(90));
    chat("c-2", "\"customerId\":\"cust-2\"", later);
    List<TestRecord<String, SupportCase>> records = cases.readRecordsToList();
    assertThat(records).extracting(r -> r.value().getStatus()).containsExactly(CaseStatus.CLOSED, CaseStatus.OPEN);
    SupportCase reopened = records.get(1).value();
    assertThat(reopened.getAlertCount()).isEqualTo(1);
    assertThat(reopened.getOpenedAt()).isEqualTo(later);
    assertThat(reopened.getAlerts()).extracting(CaseAlert::getFeedbackId).containsExactly("chat:c-2");
  }

  @Test
  void aCaseWithNoFurtherAlertsClosesAfterTheIdleSpanOfWallClockTime() {
    chat("c-1", "\"customerId\":\"cust-3\"", T0);
    assertThat(single(cases.readRecordsToList()).getStatus()).isEqualTo(CaseStatus.OPEN);

    // no alert reaches the partition again, so stream time stays at T0: only the wall clock moves
    f.advanceWallClock(Duration.ofMinutes(30));
    assertThat(cases.readRecordsToList()).as("half the idle span").isEmpty();
    f.advanceWallClock(Duration.ofMinutes(31));
    SupportCase closed = single(cases.readRecordsToList());
    assertThat(closed.getStatus()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.getClosedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));

    f.advanceWallClock(Duration.ofHours(2));
    List<TestRecord<String, SupportCase>> gone = cases.readRecordsToList();
    assertThat(gone).singleElement().satisfies(r -> assertThat(r.value()).as("tombstone").isNull());
  }

  private void chat(String id, String fields, Instant at) {
    f.json("feedback.raw.chat", null, "{\"messageId\":\"" + id + "\",\"text\":\"" + NEGATIVE + "\""
        + (fields.isEmpty() ? "" : "," + fields) + ",\"sentAt\":" + at.toEpochMilli() + "}", at);
  }

  private static SupportCase single(List<TestRecord<String, SupportCase>> records) {
    assertThat(records).hasSize(1);
    return records.get(0).value();
  }

  private static SupportCase valueOf(List<TestRecord<String, SupportCase>> records, String key) {
    return records.stream().filter(r -> r.key().equals(key)).reduce((a, b) -> b).orElseThrow().value();
  }
}
