package io.feedbackpulse.models;

import static io.feedbackpulse.models.Manifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {

  @Test
  void theLatestManifestOfAVersionIsItsStateInFirstRegisteredOrder() {
    ModelManifest a = manifest("a", ModelStage.candidate);
    ModelManifest b = manifest("b", ModelStage.candidate);
    ModelManifest aChampion = ModelManifest.newBuilder(a).setStage(ModelStage.champion).build();

    ModelRegistry registry = ModelRegistry.of(List.of(a, b, aChampion));

    assertThat(registry.all()).extracting(ModelManifest::getVersion).containsExactly("a", "b");
    assertThat(registry.champion()).contains(aChampion);
    assertThat(registry.challenger()).isEmpty();
    assertThat(registry.version("b")).contains(b);
  }

  @Test
  void versionsAreListedOldestRegistrationFirstWhateverTheirOrderOnTheTopic() {
    ModelManifest later = ModelManifest.newBuilder(manifest("b", ModelStage.candidate))
        .setRegisteredAt(Instant.parse("2026-12-02T10:00:00Z")).build();
    ModelManifest earlier = ModelManifest.newBuilder(manifest("a", ModelStage.candidate))
        .setRegisteredAt(Instant.parse("2026-12-01T10:00:00Z")).build();

    assertThat(ModelRegistry.of(List.of(later, earlier)).all()).extracting(ModelManifest::getVersion)
        .containsExactly("a", "b");
  }

  @Test
  void thePreviousChampionIsTheVersionTheChampionReplaced() {
    ModelManifest old = manifest("old", ModelStage.candidate);
    ModelManifest current = ModelManifest.newBuilder(manifest("new", ModelStage.champion))
        .setPreviousChampion("old").build();

    ModelRegistry registry = ModelRegistry.of(List.of(old, current));

    assertThat(registry.previousChampion()).contains(old);
    assertThat(ModelRegistry.of(List.of(old)).previousChampion()).isEmpty();
  }

  @Test
  void byModelIdFindsTheVersionOfAContentHash() {
    ModelManifest a = manifest("a", ModelStage.candidate);
    assertThat(ModelRegistry.of(List.of(a)).byModelId(a.getModelId())).contains(a);
    assertThat(ModelRegistry.empty().byModelId(a.getModelId())).isEmpty();
  }
}
