package io.feedbackpulse.models;

import static io.feedbackpulse.models.Manifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.avro.StageChange;
import io.feedbackpulse.models.ModelLifecycle.Actor;
import io.feedbackpulse.models.Transition.Changed;
import io.feedbackpulse.models.Transition.Refused;
import io.feedbackpulse.models.Transition.Unchanged;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelLifecycleTest {
  private static final Actor ALICE = new Actor("alice", Instant.parse("2026-12-02T10:00:00Z"));
  private static final GateVerdict PASSED = GateVerdict.passed("macro-F1 0.80 vs 0.75");

  @Test
  void registerAddsACandidateWithWhoAndWhen() {
    Transition t = lifecycle(ModelRegistry.empty()).register(manifest("v1", ModelStage.champion));

    ModelManifest written = single(t);
    assertThat(written.getStage()).isEqualTo(ModelStage.candidate);
    assertThat(written.getRegisteredBy()).isEqualTo("alice");
    assertThat(written.getRegisteredAt()).isEqualTo(ALICE.at());
    assertThat(written.getHistory()).extracting(StageChange::getCommand).containsExactly("register");
  }

  @Test
  void registeringTheSameModelUnderItsVersionAgainIsNoChange() {
    ModelManifest v1 = manifest("v1", ModelStage.candidate);
    assertThat(lifecycle(ModelRegistry.of(List.of(v1))).register(v1)).isInstanceOf(Unchanged.class)
        .extracting(Transition::message).asString().contains("already registered");
  }

  @Test
  void aVersionRegisteredWithAnotherModelIsRefused() {
    ModelManifest v1 = manifest("v1", ModelStage.candidate);
    ModelManifest other = manifest("v1", "sha256:ffffffffffffffff", "/elsewhere", ModelStage.candidate);

    Transition t = lifecycle(ModelRegistry.of(List.of(v1))).register(other);

    assertThat(t).isInstanceOf(Refused.class);
    assertThat(t.message()).contains(v1.getModelId()).contains("sha256:ffffffffffffffff");
  }

  @Test
  void theSameModelUnderAnotherVersionIsRefused() {
    ModelManifest v1 = manifest("v1", ModelStage.candidate);
    ModelManifest again = manifest("v2", v1.getModelId(), "/elsewhere", ModelStage.candidate);

    assertThat(lifecycle(ModelRegistry.of(List.of(v1))).register(again).message())
        .contains("already registered as version v1");
  }

  @Test
  void theFirstPromotionNeedsNoChampion() {
    Transition t = lifecycle(registry(manifest("v1", ModelStage.candidate))).promote("v1", PASSED);

    ModelManifest champion = single(t);
    assertThat(champion.getStage()).isEqualTo(ModelStage.champion);
    assertThat(champion.getPreviousChampion()).isNull();
    StageChange last = last(champion);
    assertThat(last.getCommand()).isEqualTo("promote");
    assertThat(last.getGate()).isEqualTo(PASSED.text());
    assertThat(last.getForced()).isFalse();
  }

  @Test
  void promotingSendsTheOldChampionBackToCandidateAndRemembersIt() {
    ModelRegistry before = registry(manifest("v1", ModelStage.champion), manifest("v2", ModelStage.challenger));

    ModelRegistry after = apply(before, lifecycle(before).promote("v2", PASSED));

    assertThat(after.champion().orElseThrow().getVersion()).isEqualTo("v2");
    assertThat(after.previousChampion().orElseThrow().getVersion()).isEqualTo("v1");
    assertThat(after.version("v1").orElseThrow().getStage()).isEqualTo(ModelStage.candidate);
    assertThat(last(after.version("v1").orElseThrow()).getCommand()).isEqualTo("demoted");
    assertThat(after.challenger()).isEmpty();
  }

  @Test
  void aRefusedGateRefusesThePromotionAndForceRecordsTheOverride() {
    ModelRegistry before = registry(manifest("v1", ModelStage.champion), manifest("v2", ModelStage.candidate));
    GateVerdict refused = GateVerdict.refused("macro-F1 0.50 of v2 is below 0.75 of v1 minus 0.01");

    Transition withoutForce = lifecycle(before).promote("v2", refused);
    Transition withForce = lifecycle(before).promote("v2", refused.overriddenByForce());

    assertThat(withoutForce).isInstanceOf(Refused.class);
    assertThat(withoutForce.message()).contains("0.50 of v2 is below 0.75 of v1");
    ModelManifest promoted = apply(before, withForce).champion().orElseThrow();
    assertThat(promoted.getVersion()).isEqualTo("v2");
    assertThat(last(promoted).getForced()).isTrue();
    assertThat(last(promoted).getGate()).startsWith("forced past the gate, which refused: macro-F1 0.50");
  }

  @Test
  void rollbackRestoresThePreviousChampion() {
    ModelRegistry r = registry(manifest("v1", ModelStage.candidate), manifest("v2", ModelStage.candidate));
    r = apply(r, lifecycle(r).promote("v1", PASSED));
    r = apply(r, lifecycle(r).promote("v2", PASSED));

    ModelRegistry after = apply(r, lifecycle(r).rollback());

    assertThat(after.champion().orElseThrow().getVersion()).isEqualTo("v1");
    assertThat(after.version("v2").orElseThrow().getStage()).isEqualTo(ModelStage.candidate);
    assertThat(last(after.version("v2").orElseThrow()).getCommand()).isEqualTo("rollback");
    assertThat(after.previousChampion()).isEmpty();
    assertThat(lifecycle(after).rollback()).isInstanceOf(Refused.class)
        .extracting(Transition::message).asString().contains("nothing to roll back to");
  }

  @Test
  void rollbackWithoutAChampionOrToAnArchivedVersionIsRefused() {
    assertThat(lifecycle(ModelRegistry.empty()).rollback().message()).isEqualTo("there is no champion to roll back");
    ModelManifest v2 = ModelManifest.newBuilder(manifest("v2", ModelStage.champion)).setPreviousChampion("v1").build();
    ModelRegistry r = registry(manifest("v1", ModelStage.archived), v2);
    assertThat(lifecycle(r).rollback().message()).contains("v1 was archived");
  }

  @Test
  void shadowMakesTheOnlyChallengerAndTheFormerOneGoesBackToCandidate() {
    ModelRegistry r = registry(manifest("v1", ModelStage.champion), manifest("v2", ModelStage.challenger),
        manifest("v3", ModelStage.candidate));

    ModelRegistry after = apply(r, lifecycle(r).shadow("v3"));

    assertThat(after.challenger().orElseThrow().getVersion()).isEqualTo("v3");
    assertThat(after.challenger().orElseThrow().getTrafficShare()).isZero();
    assertThat(after.version("v2").orElseThrow().getStage()).isEqualTo(ModelStage.candidate);
    assertThat(lifecycle(after).shadow("v3")).isInstanceOf(Unchanged.class);
  }

  @Test
  void canaryServesAShareStrictlyBetweenZeroAndOne() {
    ModelRegistry r = registry(manifest("v1", ModelStage.champion), manifest("v2", ModelStage.candidate));

    ModelRegistry after = apply(r, lifecycle(r).canary("v2", 0.1));

    assertThat(after.challenger().orElseThrow().getTrafficShare()).isEqualTo(0.1);
    assertThat(last(after.challenger().orElseThrow()).getCommand()).isEqualTo("canary");
    assertThat(lifecycle(r).canary("v2", 0.0)).isInstanceOf(Refused.class);
    assertThat(lifecycle(r).canary("v2", 1.0)).isInstanceOf(Refused.class);
  }

  @Test
  void aChallengerNeedsAChampionAndIsNotTheChampion() {
    assertThat(lifecycle(registry(manifest("v2", ModelStage.candidate))).shadow("v2").message())
        .contains("no champion");
    assertThat(lifecycle(registry(manifest("v1", ModelStage.champion))).shadow("v1"))
        .isInstanceOf(Refused.class);
    assertThat(lifecycle(registry(manifest("v1", ModelStage.champion))).shadow("v9").message())
        .contains("no version v9");
  }

  @Test
  void archiveRetiresAnythingButTheChampion() {
    ModelRegistry r = registry(manifest("v1", ModelStage.champion), manifest("v2", ModelStage.challenger));

    ModelManifest archived = single(lifecycle(r).archive("v2"));

    assertThat(archived.getStage()).isEqualTo(ModelStage.archived);
    assertThat(archived.getTrafficShare()).isZero();
    assertThat(lifecycle(r).archive("v1")).isInstanceOf(Refused.class);
  }

  private static ModelLifecycle lifecycle(ModelRegistry registry) {
    return new ModelLifecycle(registry, ALICE);
  }

  private static ModelRegistry registry(ModelManifest... manifests) {
    return ModelRegistry.of(List.of(manifests));
  }

  private static ModelRegistry apply(ModelRegistry registry, Transition t) {
    assertThat(t).as(t.message()).isInstanceOf(Changed.class);
    return registry.with(((Changed) t).writes());
  }

  private static ModelManifest single(Transition t) {
    assertThat(t).as(t.message()).isInstanceOf(Changed.class);
    assertThat(((Changed) t).writes()).hasSize(1);
    return ((Changed) t).writes().get(0);
  }

  private static StageChange last(ModelManifest m) {
    return m.getHistory().get(m.getHistory().size() - 1);
  }
}
