package io.feedbackpulse.pipeline;

import static io.feedbackpulse.testing.LabelledRecords.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.Probabilities;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchTriggersTest {
  private static final Instant T = Instant.parse("2026-12-07T05:00:00Z");

  @Test
  void eachTriggerNamesItselfInTheRunsTriggerAndLabelsComeFirst() {
    WatchTriggers triggers = WatchTriggers.from(Settings.builder().set("pipeline.trigger.min-new-labels", "2")
        .set("pipeline.trigger.schedule", "PT1H").build());
    List<LabelledFeedback> one = List.of(labelled("chat:1", T.plusSeconds(1)));
    List<LabelledFeedback> two = List.of(labelled("chat:1", T.plusSeconds(1)), labelled("chat:2", T.plusSeconds(2)));
    List<DriftTrigger.Observed> drift = List.of(new DriftTrigger.Observed(T.plusSeconds(3), labelDrift()));

    assertThat(triggers.fire(look(two, drift, T.plusSeconds(10)))).hasValueSatisfying(t -> assertThat(t)
        .startsWith("labels: 2 labels since "));
    assertThat(triggers.fire(look(one, drift, T.plusSeconds(10)))).hasValueSatisfying(t -> assertThat(t)
        .startsWith("drift: label drift on chat"));
    assertThat(triggers.fire(look(one, List.of(), T.plus(Duration.ofHours(1))))).hasValueSatisfying(t ->
        assertThat(t).startsWith("schedule: PT1H passed since "));
    assertThat(triggers.fire(look(one, List.of(), T.plusSeconds(10)))).isEmpty();
  }

  @Test
  void eventsAreReadOnlyWhenAKindIsChosenAndTheDefaultsHaveNoSchedule() {
    WatchTriggers none = WatchTriggers.from(Settings.builder().set("pipeline.trigger.events", "").build());
    WatchTriggers defaults = WatchTriggers.from(Settings.defaults());

    assertThat(none.readsEvents()).isFalse();
    assertThat(defaults.readsEvents()).isTrue();
    assertThat(defaults.fire(look(List.of(labelled("chat:1", T.plusSeconds(1))), List.of(),
        T.plus(Duration.ofDays(3650))))).isEmpty();
    assertThatThrownBy(() -> WatchTriggers.from(Settings.builder().set("pipeline.trigger.schedule", "-P1D").build()))
        .isInstanceOf(SettingsException.class).hasMessageContaining("pipeline.trigger.schedule");
  }

  @Test
  void aTriggerThatFiresWithFewerLabelledItemsThanTheChecksNeedIsHeldUntilThereAreEnough() {
    WatchTriggers triggers = WatchTriggers.from(Settings.builder().set("pipeline.checks.min-rows", "2").build());
    List<DriftTrigger.Observed> drift = List.of(new DriftTrigger.Observed(T.plusSeconds(3), labelDrift()));
    WatchTriggers.Look one = look(List.of(labelled("chat:1", T.plusSeconds(1))), drift, T.plusSeconds(10));
    WatchTriggers.Look two = look(List.of(labelled("chat:1", T.plusSeconds(1)), labelled("chat:2", T.plusSeconds(2))),
        drift, T.plusSeconds(10));

    assertThat(triggers.fire(one)).hasValueSatisfying(t -> assertThat(t).startsWith("drift: "));
    assertThat(triggers.tooFewToTrain(one))
        .hasValue("1 labelled items, below pipeline.checks.min-rows 2: waiting for labels");
    assertThat(triggers.tooFewToTrain(two)).isEmpty();
  }

  private static WatchTriggers.Look look(List<LabelledFeedback> labelled, List<DriftTrigger.Observed> events,
      Instant now) {
    return new WatchTriggers.Look(Optional.empty(), T, labelled, events, List.of(), now);
  }

  private static DriftEvent labelDrift() {
    Probabilities shares = Probabilities.newBuilder().setNegative(0.3).setNeutral(0.3).setPositive(0.4).build();
    return DriftEvent.newBuilder().setChannel("chat").setKind("label").setStatistic("psi").setValue(0.3)
        .setThreshold(0.25).setWindowStart(T).setWindowEnd(T.plusSeconds(3600)).setTotal(120)
        .setReference("trailing").setReferenceShares(shares).setCurrentShares(shares).build();
  }

  private static LabelledFeedback labelled(String id, Instant at) {
    return LabelledFeedback.newBuilder(item(id, "text", 1)).setLabeledAt(at).build();
  }
}
