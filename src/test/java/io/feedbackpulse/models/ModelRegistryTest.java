package io.feedbackpulse.models;

import static io.feedbackpulse.models.Manifests.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.LoadRefusal;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelRefusal;
import io.feedbackpulse.avro.ModelStage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
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

  /**
   * The race the refusal records close: an instance refuses v3 while a models command, which read the registry
   * before the refusal, writes v3's next stage. Both survive: the stage is the command's, the refusal is its own
   * record. A refusal of content the version no longer names is not shown.
   */
  @Test
  void aRefusalAndAStageChangeWrittenAtTheSameInstantBothSurvive() {
    ModelManifest champion = manifest("v3", ModelStage.champion);
    ModelManifest rolledBack = ModelManifest.newBuilder(champion).setStage(ModelStage.candidate).build();
    ModelRefusal refusal = new ModelRefusal("v3", champion.getModelId(), "instance-a:1", Instant.EPOCH,
        "model version v3: no such directory");
    ModelRefusal ofOtherContent = new ModelRefusal("v3", "sha256:0000000000000000", "instance-b:1", Instant.EPOCH,
        "another model once registered as v3");
    ModelRefusal again = new ModelRefusal("v3", champion.getModelId(), "instance-a:1", Instant.EPOCH.plusSeconds(1),
        "refused again after a restart");

    ModelManifest v3 = ModelRegistry.of(List.of(champion, rolledBack))
        .withRefusals(List.of(refusal, ofOtherContent, again)).version("v3").orElseThrow();

    assertThat(v3.getStage()).isEqualTo(ModelStage.candidate);
    assertThat(v3.getRefusals()).singleElement().satisfies(r -> {
      assertThat(r.getInstance()).isEqualTo("instance-a:1");
      assertThat(r.getReason()).isEqualTo("refused again after a restart");
    });
  }

  @Test
  void refusalsAnOlderServiceAppendedToTheManifestStay() {
    ModelManifest v1 = ModelManifest.newBuilder(manifest("v1", ModelStage.champion))
        .setRefusals(List.of(new LoadRefusal("old-instance", Instant.EPOCH, "appended to the manifest"))).build();
    ModelRefusal refusal = new ModelRefusal("v1", v1.getModelId(), "new-instance", Instant.EPOCH, "its own record");

    assertThat(ModelRegistry.of(List.of(v1)).withRefusals(List.of(refusal)).version("v1").orElseThrow()
        .getRefusals()).extracting(LoadRefusal::getInstance).containsExactly("old-instance", "new-instance");
  }

  /** fp32ModelId is new: a manifest the first release wrote reads with it null, and that release reads ours. */
  @Test
  void theManifestSchemaStaysCompatibleBothWaysWithTheFirstRelease() throws IOException {
    Schema before;
    try (InputStream in = getClass().getResourceAsStream("/schema-history/ModelManifest-0.1.avsc")) {
      before = new Schema.Parser().parse(in);
    }
    Schema now = ModelManifest.getClassSchema();
    assertThat(before.getField("fp32ModelId")).isNull();

    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(now, before).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(before, now).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }
}
