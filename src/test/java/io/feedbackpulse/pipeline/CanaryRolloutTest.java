package io.feedbackpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.ModelLineageRecord;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.models.GateVerdict;
import io.feedbackpulse.models.LiveAgreement;
import io.feedbackpulse.models.ModelRegistry;
import io.feedbackpulse.quality.Confusion;
import io.feedbackpulse.quality.LabelsSince;
import io.feedbackpulse.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The canary against a registry in memory, and live agreement and labels given by the test: it steps through the
 * shares while enough items agree and the candidate's live macro-F1 holds, promotes at 1.0, and archives the
 * candidate when a share disagrees, does worse on the labels that arrived during it, gets too few items, or when
 * the run is cancelled.
 */
class CanaryRolloutTest {
  private static final CanaryRollout.Options OPTIONS = new CanaryRollout.Options(List.of(0.1, 0.5, 1.0), 100,
      Duration.ofMinutes(10), Duration.ofSeconds(10), 0.8, 50, 0.01);
  /** 60 labelled items, all right: macro-F1 1. */
  private static final Confusion PERFECT = confusion(20, 0, 0, 0, 20, 0, 0, 0, 20);
  /** 60 labelled items, the neutral ones called positive: macro-F1 (1 + 0 + 2/3) / 3 = 0.5556. */
  private static final Confusion NO_NEUTRAL = confusion(20, 0, 0, 0, 0, 20, 0, 0, 20);
  /** 12 labelled items. */
  private static final Confusion FEW = confusion(4, 0, 0, 0, 4, 0, 0, 0, 4);

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T05:00:00Z"));
  private final List<String> stagesSeen = new ArrayList<>();
  private ModelRegistry registry = ModelRegistry.of(List.of(manifest("v1", ModelStage.champion),
      manifest("v2", ModelStage.candidate)));
  @Test
  void stepsThroughEachShareWhileEnoughItemsAgreeAndPromotesAtOne() throws Exception {
    List<Instant> asked = new ArrayList<>();
    CanaryRollout.LiveEvidence evidence = (champion, candidate, since) -> {
      assertThat(champion).isEqualTo(Set.of("sha256:v1"));
      assertThat(candidate).isEqualTo(Set.of("sha256:v2"));
      asked.add(since);
      // comparisons accumulate with time: 60 items a poll
      long n = Duration.between(since, clock.instant()).toSeconds() / 10 * 60;
      return n == 0 ? Optional.empty() : Optional.of(new LiveAgreement(n, 0.9, 1));
    };
    Labels labels = new Labels(Map.of("sha256:v1", FEW, "sha256:v2", PERFECT));

    CanaryRollout.Outcome outcome = rollout(evidence, labels).roll("v2", GateVerdict.passed("held-out: fine"),
        () -> false);

    assertThat(outcome.ending()).isEqualTo(CanaryRollout.Ending.PROMOTED);
    assertThat(stagesSeen).containsExactly("challenger 0.1", "challenger 0.5", "champion 0.0");
    assertThat(outcome.evidence()).containsEntry("canary.0.1.n", "120").containsEntry("canary.0.5.agreement", "0.9000")
        .containsEntry("canary.0.1.quality", "12 labelled items, below pipeline.canary.min-labelled 50: not judged")
        .containsEntry("canary.0.5.quality.champion.labelled", "12")
        .containsEntry("canary.0.5.quality.candidate.labelled", "60")
        .containsEntry("canary.0.5.quality.candidate.macro_f1", "1.0000");
    assertThat(outcome.message()).contains("v2 is the champion (was v1)")
        .contains("held-out: fine; live agreement 0.9000 over 120 items; live quality 12 labelled items, below "
            + "pipeline.canary.min-labelled 50: not judged");
    assertThat(asked).as("each share counts from its own start").contains(Instant.parse("2026-12-07T05:00:00Z"),
        Instant.parse("2026-12-07T05:00:20Z"));
    assertThat(labels.opened).as("each share counts the labels from its own start").hasValue(2);
    assertThat(labels.closed).hasValue(2);
    assertThat(registry.version("v1").orElseThrow().getStage()).isEqualTo(ModelStage.candidate);
  }

  @Test
  void aShareWhoseLiveQualityHoldsMovesOnAndSaysWhatItJudged() throws Exception {
    CanaryRollout.Outcome outcome = rollout(enoughAgreeing(), new Labels(Map.of("sha256:v1", NO_NEUTRAL,
        "sha256:v2", PERFECT))).roll("v2", GateVerdict.passed("held-out: fine"), () -> false);

    assertThat(outcome.ending()).isEqualTo(CanaryRollout.Ending.PROMOTED);
    assertThat(outcome.evidence()).containsEntry("canary.0.1.quality", "macro-F1 1.0000 of v2 over 60 labelled "
        + "items against 0.5556 of the champion over 60")
        .containsEntry("canary.0.1.quality.champion.accuracy", "0.6667");
    assertThat(outcome.message()).contains("live quality macro-F1 1.0000 of v2 over 60 labelled items against 0.5556");
  }

  @Test
  void aShareWhoseCandidateDoesWorseOnTheLabelsThatArrivedRollsBackWithBothFigures() throws Exception {
    CanaryRollout.Outcome outcome = rollout(enoughAgreeing(), new Labels(Map.of("sha256:v1", PERFECT,
        "sha256:v2", NO_NEUTRAL))).roll("v2", GateVerdict.passed("held-out: fine"), () -> false);

    assertThat(outcome.ending()).isEqualTo(CanaryRollout.Ending.ROLLED_BACK);
    assertThat(outcome.message()).startsWith("at share 0.10 live macro-F1 0.5556 of v2 over 60 labelled items "
        + "against 1.0000 of the champion over 60 is below by more than models.gate.max-regression 0.0100; "
        + "v2 is archived");
    assertThat(outcome.evidence()).containsEntry("canary.0.1.n", "150")
        .containsEntry("canary.0.1.quality.champion.macro_f1", "1.0000")
        .containsEntry("canary.0.1.quality.candidate.macro_f1", "0.5556")
        .containsEntry("canary.0.1.quality.candidate.labelled", "60")
        .hasEntrySatisfying("canary.0.1.quality", v -> assertThat(v).startsWith("worse: macro-F1 0.5556"));
    assertThat(stagesSeen).containsExactly("challenger 0.1", "archived 0.0");
    assertThat(registry.champion().orElseThrow().getVersion()).isEqualTo("v1");
  }

  @Test
  void aWorseCandidateWithTooFewLabelsIsJudgedByAgreementAlone() throws Exception {
    CanaryRollout.Outcome outcome = rollout(enoughAgreeing(), new Labels(Map.of("sha256:v1", PERFECT,
        "sha256:v2", confusion(1, 0, 0, 0, 0, 11, 0, 0, 0))))
        .roll("v2", GateVerdict.passed("held-out: fine"), () -> false);

    assertThat(outcome.ending()).isEqualTo(CanaryRollout.Ending.PROMOTED);
    assertThat(outcome.evidence()).containsEntry("canary.0.5.quality",
        "12 labelled items, below pipeline.canary.min-labelled 50: not judged");
  }

  @Test
  void aShareWhoseAgreementIsBelowTheGateArchivesTheCandidateAndKeepsTheChampion() throws Exception {
    CanaryRollout.Outcome outcome = rollout((champion, candidate, since) ->
        Optional.of(new LiveAgreement(150, 0.7, 1)), new Labels(Map.of()))
        .roll("v2", GateVerdict.passed("held-out: fine"), () -> false);

    assertThat(outcome.ending()).isEqualTo(CanaryRollout.Ending.ROLLED_BACK);
    assertThat(outcome.message()).startsWith("at share 0.10 live agreement 0.7000 over 150 items is below "
        + "models.gate.min-agreement 0.8000; v2 is archived");
    assertThat(stagesSeen).containsExactly("challenger 0.1", "archived 0.0");
    assertThat(registry.champion().orElseThrow().getVersion()).isEqualTo("v1");
  }

  @Test
  void aShareThatGetsTooFewComparisonsInTimeIsRolledBack() throws Exception {
    CanaryRollout.Outcome outcome = rollout((champion, candidate, since) ->
        Optional.of(new LiveAgreement(99, 1.0, 1)), new Labels(Map.of()))
        .roll("v2", GateVerdict.passed("held-out: fine"), () -> false);

    assertThat(outcome.ending()).isEqualTo(CanaryRollout.Ending.ROLLED_BACK);
    assertThat(outcome.message()).startsWith("at share 0.10 fewer than pipeline.canary.min-items 100 items were "
        + "compared within pipeline.canary.max-wait PT10M");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-07T05:10:00Z"));
    assertThat(outcome.evidence()).containsEntry("canary.0.1.n", "99");
  }

  @Test
  void aCancelWhileAShareWaitsForItemsIsNoticedAtTheNextPollAndArchivesTheCandidate() throws Exception {
    Instant cancelledAt = Instant.parse("2026-12-07T05:00:25Z");
    Labels labels = new Labels(Map.of());

    CanaryRollout.Outcome outcome = rollout((champion, candidate, since) ->
        Optional.of(new LiveAgreement(10, 1.0, 1)), labels).roll("v2", GateVerdict.passed("held-out: fine"),
        () -> !clock.instant().isBefore(cancelledAt));

    assertThat(outcome.ending()).isEqualTo(CanaryRollout.Ending.CANCELLED);
    assertThat(clock.instant()).as("the first poll after the cancel").isEqualTo(Instant.parse("2026-12-07T05:00:30Z"));
    assertThat(outcome.message()).startsWith("cancelled (pipeline cancel) at share 0.10; v2 is archived");
    assertThat(outcome.evidence()).containsEntry("canary.0.1.n", "10");
    assertThat(stagesSeen).containsExactly("challenger 0.1", "archived 0.0");
    assertThat(registry.champion().orElseThrow().getVersion()).isEqualTo("v1");
    assertThat(labels.closed).hasValue(1);
  }

  /** 150 items compared at 0.9 at every poll. */
  private static CanaryRollout.LiveEvidence enoughAgreeing() {
    return (champion, candidate, since) -> Optional.of(new LiveAgreement(150, 0.9, 1));
  }

  private CanaryRollout rollout(CanaryRollout.LiveEvidence evidence, Labels labels) {
    PipelineRunner.Registry access = new PipelineRunner.Registry() {
      @Override
      public ModelRegistry read() {
        return registry;
      }

      @Override
      public void write(List<ModelManifest> manifests) {
        registry = registry.with(manifests);
        ModelManifest v2 = registry.version("v2").orElseThrow();
        stagesSeen.add(v2.getStage() + " " + v2.getTrafficShare());
      }
    };
    return new CanaryRollout(OPTIONS, access, evidence, labels, clock::advance, clock);
  }

  /** The labels each model got since a share began, the same at every share; counts the opens and closes. */
  private static final class Labels implements CanaryRollout.LiveQuality {
    private final Map<String, Confusion> byModel;
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    Labels(Map<String, Confusion> byModel) {
      this.byModel = byModel;
    }

    @Override
    public LabelsSince fromNow() {
      opened.incrementAndGet();
      return new LabelsSince() {
        @Override
        public Confusion of(Set<String> modelIds) {
          return modelIds.stream().map(id -> byModel.getOrDefault(id, Confusion.empty()))
              .reduce(Confusion.empty(), Confusion::plus);
        }

        @Override
        public void close() {
          closed.incrementAndGet();
        }
      };
    }
  }

  private static Confusion confusion(long... cells) {
    return Confusion.of(List.of(List.of(cells[0], cells[1], cells[2]), List.of(cells[3], cells[4], cells[5]),
        List.of(cells[6], cells[7], cells[8])));
  }

  private static ModelManifest manifest(String version, ModelStage stage) {
    return ModelManifest.newBuilder().setVersion(version).setModelId("sha256:" + version).setLocation("/" + version)
        .setStage(stage).setLineage(ModelLineageRecord.newBuilder().build()).setRegisteredBy("test")
        .setRegisteredAt(Instant.EPOCH).build();
  }
}
