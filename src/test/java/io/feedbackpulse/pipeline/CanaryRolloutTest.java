package io.feedbackpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.ModelLineageRecord;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.models.GateVerdict;
import io.feedbackpulse.models.LiveAgreement;
import io.feedbackpulse.models.ModelRegistry;
import io.feedbackpulse.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The canary against a registry in memory and live agreement given by the test: it steps through the shares while
 * enough items agree, promotes at 1.0, and archives the candidate when a share disagrees or gets too few items.
 */
class CanaryRolloutTest {
  private static final CanaryRollout.Options OPTIONS = new CanaryRollout.Options(List.of(0.1, 0.5, 1.0), 100,
      Duration.ofMinutes(10), Duration.ofSeconds(10), 0.8);

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T05:00:00Z"));
  private final List<String> stagesSeen = new ArrayList<>();
  private ModelRegistry registry = ModelRegistry.of(List.of(manifest("v1", ModelStage.champion),
      manifest("v2", ModelStage.candidate)));
  private final PipelineRunner.Registry registryAccess = new PipelineRunner.Registry() {
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

    CanaryRollout.Outcome outcome = rollout(evidence).roll("v2", GateVerdict.passed("held-out: fine"));

    assertThat(outcome.ending()).isEqualTo(CanaryRollout.Ending.PROMOTED);
    assertThat(stagesSeen).containsExactly("challenger 0.1", "challenger 0.5", "champion 0.0");
    assertThat(outcome.evidence()).containsEntry("canary.0.1.n", "120").containsEntry("canary.0.5.agreement", "0.9000");
    assertThat(outcome.message()).contains("v2 is the champion (was v1)")
        .contains("held-out: fine; live agreement 0.9000 over 120 items");
    assertThat(asked).as("each share counts from its own start").contains(Instant.parse("2026-12-07T05:00:00Z"),
        Instant.parse("2026-12-07T05:00:20Z"));
    assertThat(registry.version("v1").orElseThrow().getStage()).isEqualTo(ModelStage.candidate);
  }

  @Test
  void aShareWhoseAgreementIsBelowTheGateArchivesTheCandidateAndKeepsTheChampion() throws Exception {
    CanaryRollout.Outcome outcome = rollout((champion, candidate, since) ->
        Optional.of(new LiveAgreement(150, 0.7, 1))).roll("v2", GateVerdict.passed("held-out: fine"));

    assertThat(outcome.ending()).isEqualTo(CanaryRollout.Ending.ROLLED_BACK);
    assertThat(outcome.message()).startsWith("at share 0.10 live agreement 0.7000 over 150 items is below "
        + "models.gate.min-agreement 0.8000; v2 is archived");
    assertThat(stagesSeen).containsExactly("challenger 0.1", "archived 0.0");
    assertThat(registry.champion().orElseThrow().getVersion()).isEqualTo("v1");
  }

  @Test
  void aShareThatGetsTooFewComparisonsInTimeIsRolledBack() throws Exception {
    CanaryRollout.Outcome outcome = rollout((champion, candidate, since) ->
        Optional.of(new LiveAgreement(99, 1.0, 1))).roll("v2", GateVerdict.passed("held-out: fine"));

    assertThat(outcome.ending()).isEqualTo(CanaryRollout.Ending.ROLLED_BACK);
    assertThat(outcome.message()).startsWith("at share 0.10 fewer than pipeline.canary.min-items 100 items were "
        + "compared within pipeline.canary.max-wait PT10M");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-07T05:10:00Z"));
    assertThat(outcome.evidence()).containsEntry("canary.0.1.n", "99");
  }

  private CanaryRollout rollout(CanaryRollout.LiveEvidence evidence) {
    return new CanaryRollout(OPTIONS, registryAccess, evidence, clock::advance, clock);
  }

  private static ModelManifest manifest(String version, ModelStage stage) {
    return ModelManifest.newBuilder().setVersion(version).setModelId("sha256:" + version).setLocation("/" + version)
        .setStage(stage).setLineage(ModelLineageRecord.newBuilder().build()).setRegisteredBy("test")
        .setRegisteredAt(Instant.EPOCH).build();
  }
}
