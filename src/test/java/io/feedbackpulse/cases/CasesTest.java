package io.feedbackpulse.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.AlertPriority;
import io.feedbackpulse.avro.CaseAlert;
import io.feedbackpulse.avro.CaseStatus;
import io.feedbackpulse.avro.ModelInfo;
import io.feedbackpulse.avro.Probabilities;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.SupportCase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CasesTest {
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
  private final Cases cases = new Cases(new CasePolicy(Duration.ofHours(24), Duration.ofDays(7), 3));

  private static SupportAlert alert(String id, AlertPriority priority, Instant at) {
    return SupportAlert.newBuilder().setFeedbackId(id).setChannel(id.substring(0, id.indexOf(':')))
        .setPriority(priority).setPriorityReasons(List.of()).setExcerpt("excerpt of " + id).setEventTime(at)
        .setCustomerId("c-1").setProbabilities(new Probabilities(0.8, 0.1, 0.1)).setModel(new ModelInfo("m", "v"))
        .setCaseId("customer:c-1").build();
  }

  @Test
  void theCaseKeepsItsHighestPriorityAndALateAlertDoesNotMoveItsLatestTime() {
    SupportCase c = cases.add(null, alert("chat:1", AlertPriority.MEDIUM, T0.plusSeconds(60)));
    c = cases.add(c, alert("app:2", AlertPriority.LOW, T0));
    assertThat(c.getPriority()).isEqualTo(AlertPriority.MEDIUM);
    assertThat(c.getOpenedAt()).isEqualTo(T0);
    assertThat(c.getLastAlertAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(c.getLatestExcerpt()).isEqualTo("excerpt of chat:1");
    assertThat(c.getChannels()).containsExactly("chat", "app");
  }

  @Test
  void aLongCaseListsItsLatestFiftyAlertsAndCountsThemAll() {
    SupportCase c = null;
    for (int i = 0; i < 55; i++) {
      c = cases.add(c, alert("chat:" + i, AlertPriority.LOW, T0.plusSeconds(i)));
    }
    assertThat(c.getAlertCount()).isEqualTo(55);
    assertThat(c.getAlerts()).hasSize(50);
    assertThat(c.getAlerts().get(0).getFeedbackId()).isEqualTo("chat:5");
    assertThat(c.getAlerts()).extracting(CaseAlert::getFeedbackId).last().isEqualTo("chat:54");
    assertThat(c.getEscalated()).isTrue();
    assertThat(c.getPriority()).isEqualTo(AlertPriority.HIGH);
  }

  @Test
  void idleAndExpiredAreCountedFromTheLastAlert() {
    SupportCase c = cases.add(null, alert("chat:1", AlertPriority.LOW, T0));
    long day = Duration.ofHours(24).toMillis();
    assertThat(cases.idle(c, T0.toEpochMilli() + day - 1)).isFalse();
    assertThat(cases.idle(c, T0.toEpochMilli() + day)).isTrue();
    SupportCase closed = cases.close(c);
    assertThat(closed.getStatus()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.getClosedAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
    assertThat(cases.expired(closed, T0.toEpochMilli() + 8 * day - 1)).isFalse();
    assertThat(cases.expired(closed, T0.toEpochMilli() + 8 * day)).isTrue();
    assertThat(cases.add(closed, alert("chat:2", AlertPriority.LOW, T0.plus(Duration.ofDays(2)))).getAlertCount())
        .as("an alert after closing opens a new case").isEqualTo(1);
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> new CasePolicy(Duration.ZERO, Duration.ofDays(1), 3))
        .hasMessageContaining("cases.idle-close");
    assertThatThrownBy(() -> new CasePolicy(Duration.ofHours(1), Duration.ofDays(1), 0))
        .hasMessageContaining("cases.escalate-after");
  }
}
