package io.feedbackpulse.pipeline;

import static io.feedbackpulse.testing.LabelledRecords.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.config.SettingsException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTriggerTest {
  private static final Instant T = Instant.parse("2026-12-07T05:00:00Z");
  private static final ScheduleTrigger DAILY = ScheduleTrigger.parse("P1D");

  @Test
  void firesOnceTheScheduleHasPassedSinceTheCutoffAndSomethingNewWasLabelled() {
    List<LabelledFeedback> items = List.of(labelled("chat:1", T.minusSeconds(5)), labelled("chat:2", T.plusSeconds(5)));

    assertThat(DAILY.fire(items, T, T.plus(Duration.ofDays(1)))).contains("PT24H passed since 2026-12-07T05:00:00Z "
        + "(pipeline.trigger.schedule) and 1 items were labelled since then (a schedule starts no run without new "
        + "labels)");
    assertThat(DAILY.fire(items, T, T.plus(Duration.ofDays(1)).minusMillis(1))).isEmpty();
  }

  @Test
  void aDueScheduleStartsNothingWithoutNewLabels() {
    List<LabelledFeedback> handled = List.of(labelled("chat:1", T.minusSeconds(5)), labelled("chat:2", T));

    assertThat(DAILY.fire(handled, T, T.plus(Duration.ofDays(3)))).isEmpty();
  }

  @Test
  void aNewerRunResetsTheSchedule() {
    Instant newestRun = T.plus(Duration.ofHours(20));
    List<LabelledFeedback> items = List.of(labelled("chat:1", T.plusSeconds(5)),
        labelled("chat:2", newestRun.plusSeconds(5)));

    assertThat(DAILY.fire(items, newestRun, T.plus(Duration.ofDays(1)))).isEmpty();
    assertThat(DAILY.fire(items, newestRun, newestRun.plus(Duration.ofDays(1)))).isPresent();
  }

  @Test
  void emptyIsOffAndABadValueIsRefusedWithTheKey() {
    List<LabelledFeedback> items = List.of(labelled("chat:1", T.plusSeconds(5)));

    assertThat(ScheduleTrigger.parse("").fire(items, T, T.plus(Duration.ofDays(365)))).isEmpty();
    assertThatThrownBy(() -> ScheduleTrigger.parse("daily")).isInstanceOf(SettingsException.class)
        .hasMessage("pipeline.trigger.schedule must be an ISO-8601 duration such as P1D, or empty (no schedule), "
            + "got 'daily'");
    assertThatThrownBy(() -> ScheduleTrigger.parse("PT0S")).isInstanceOf(SettingsException.class)
        .hasMessageContaining("longer than zero");
  }

  private static LabelledFeedback labelled(String id, Instant at) {
    return LabelledFeedback.newBuilder(item(id, "text", 1)).setLabeledAt(at).build();
  }
}
