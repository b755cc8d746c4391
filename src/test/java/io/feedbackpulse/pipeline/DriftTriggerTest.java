package io.feedbackpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.ModelLineageRecord;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.avro.Probabilities;
import io.feedbackpulse.config.SettingsException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftTriggerTest {
  private static final Instant T = Instant.parse("2026-12-07T05:00:00Z");
  private static final Optional<ModelManifest> CHAMPION = Optional.of(ModelManifest.newBuilder().setVersion("v1")
      .setModelId("sha256:champ").setLocation("/m").setStage(ModelStage.champion)
      .setLineage(ModelLineageRecord.newBuilder().build()).setRegisteredBy("ana").setRegisteredAt(T).build());
  private static final DriftTrigger BOTH = new DriftTrigger(List.of("quality", "label"));

  @Test
  void firesOnTheChampionsQualityDropPublishedAfterTheCutoff() {
    List<DriftTrigger.Observed> events = List.of(new DriftTrigger.Observed(T.plusSeconds(30),
        quality("chat", "baseline:sha256:champ")));

    assertThat(BOTH.fire(events, CHAMPION, List.of(), T)).hasValueSatisfying(why -> assertThat(why)
        .startsWith("quality: champion v1's macro-F1 0.4000 on chat fell below 0.7000 (window ")
        .contains("60 labelled items; event at 2026-12-07T05:00:30Z) (since 2026-12-07T05:00:00Z)"));
  }

  @Test
  void aQualityDropOfAnotherModelStartsNothing() {
    List<DriftTrigger.Observed> events = List.of(new DriftTrigger.Observed(T.plusSeconds(30),
        quality("chat", "baseline:sha256:challenger")));

    assertThat(BOTH.fire(events, CHAMPION, List.of(), T)).isEmpty();
    assertThat(BOTH.fire(events, Optional.empty(), List.of(), T)).isEmpty();
  }

  @Test
  void firesOnLabelDriftOfAWatchedChannelOnly() {
    List<DriftTrigger.Observed> events = List.of(new DriftTrigger.Observed(T.plusSeconds(30), label("email")),
        new DriftTrigger.Observed(T.plusSeconds(10), label("chat")));

    assertThat(BOTH.fire(events, CHAMPION, List.of("chat"), T)).hasValueSatisfying(why -> assertThat(why)
        .startsWith("drift: label drift on chat, jensen-shannon-distance 0.2500 against threshold 0.1000"));
    assertThat(BOTH.fire(events, CHAMPION, List.of("app"), T)).isEmpty();
    assertThat(BOTH.fire(events, CHAMPION, List.of(), T)).hasValueSatisfying(why -> assertThat(why)
        .startsWith("drift: label drift on chat").endsWith("(and 1 more since 2026-12-07T05:00:00Z)"));
  }

  @Test
  void anEventAtOrBeforeTheNewestRunsStartWasHandledByThatRun() {
    List<DriftTrigger.Observed> events = List.of(new DriftTrigger.Observed(T.plusSeconds(30), label("chat")),
        new DriftTrigger.Observed(T.plusSeconds(30), quality("chat", "baseline:sha256:champ")));

    assertThat(BOTH.fire(events, CHAMPION, List.of(), T.plusSeconds(30))).isEmpty();
    assertThat(BOTH.fire(events, CHAMPION, List.of(), T.plusSeconds(29))).isPresent();
  }

  @Test
  void onlyTheChosenKindsFire() {
    List<DriftTrigger.Observed> labelDrift = List.of(new DriftTrigger.Observed(T.plusSeconds(30), label("chat")));
    List<DriftTrigger.Observed> confidence = List.of(new DriftTrigger.Observed(T.plusSeconds(30),
        event("chat", "confidence", "mean-confidence", "trailing")));

    assertThat(new DriftTrigger(List.of("quality")).fire(labelDrift, CHAMPION, List.of(), T)).isEmpty();
    assertThat(BOTH.fire(confidence, CHAMPION, List.of(), T)).isEmpty();
    assertThat(new DriftTrigger(List.of()).enabled()).isFalse();
    assertThatThrownBy(() -> new DriftTrigger(List.of("quality", "bias"))).isInstanceOf(SettingsException.class)
        .hasMessage("pipeline.trigger.events must name kinds of quality or label (comma-separated; empty: none), "
            + "got 'bias'");
  }

  private static DriftEvent quality(String channel, String reference) {
    return DriftEvent.newBuilder(event(channel, "quality", "macro-f1", reference)).setValue(0.4).setThreshold(0.7)
        .setTotal(60).build();
  }

  private static DriftEvent label(String channel) {
    return event(channel, "label", "jensen-shannon-distance", "trailing");
  }

  private static DriftEvent event(String channel, String kind, String statistic, String reference) {
    Probabilities shares = Probabilities.newBuilder().setNegative(0.3).setNeutral(0.3).setPositive(0.4).build();
    return DriftEvent.newBuilder().setChannel(channel).setKind(kind).setStatistic(statistic).setValue(0.25)
        .setThreshold(0.1).setWindowStart(T.minusSeconds(3600)).setWindowEnd(T.plusSeconds(3600)).setTotal(120)
        .setReference(reference).setReferenceShares(shares).setCurrentShares(shares).build();
  }
}
