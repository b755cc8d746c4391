package io.feedbackpulse.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelLineage;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.testing.ModelVersions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance restarted after its champion's copy went away: it serves the previous champion when that loads,
 * else model.dir, rather than model.dir while a registered champion it could serve exists.
 */
class ModelSwitcherTest {
  private static final String DEFAULT = "classpath:/models/default";

  @TempDir
  Path dir;

  @Test
  void aRefusedChampionAtStartFallsBackToThePreviousChampion() {
    ModelVersions versions = new ModelVersions(dir);
    Path v1 = versions.sameLabels("v1");
    Path v2 = versions.sameLabels("v2");
    ModelManifest previous = manifest("v1", idOf(v1), v1.toString(), ModelStage.candidate);
    ModelManifest champion = championAfter("v2", idOf(v2), dir.resolve("deleted").toString(), "v1");

    try (ServingModels serving = startedWithModelDir(versions)) {
      List<Refusal> refused = switcher(serving).apply(ModelRegistry.of(List.of(previous, champion)));

      assertThat(refused).extracting(r -> r.manifest().getVersion()).containsExactly("v2");
      assertThat(serving.current().champion().lineage().version()).isEqualTo("v1");
    }
  }

  @Test
  void whenThePreviousChampionDoesNotLoadEitherModelDirServes() {
    ModelVersions versions = new ModelVersions(dir);
    Path v2 = versions.sameLabels("v2");
    ModelManifest previous = manifest("v1", "sha256:0000000000000001", dir.resolve("gone").toString(),
        ModelStage.candidate);
    ModelManifest champion = championAfter("v2", idOf(v2), dir.resolve("deleted").toString(), "v1");

    try (ServingModels serving = startedWithModelDir(versions)) {
      List<Refusal> refused = switcher(serving).apply(ModelRegistry.of(List.of(previous, champion)));

      assertThat(refused).extracting(r -> r.manifest().getVersion()).containsExactlyInAnyOrder("v2", "v1");
      assertThat(serving.current().champion().lineage().version()).isEqualTo("model-dir");
    }
  }

  @Test
  void anArchivedPreviousChampionIsNotServed() {
    ModelVersions versions = new ModelVersions(dir);
    Path v1 = versions.sameLabels("v1");
    Path v2 = versions.sameLabels("v2");
    ModelManifest archived = manifest("v1", idOf(v1), v1.toString(), ModelStage.archived);
    ModelManifest champion = championAfter("v2", idOf(v2), dir.resolve("deleted").toString(), "v1");

    try (ServingModels serving = startedWithModelDir(versions)) {
      switcher(serving).apply(ModelRegistry.of(List.of(archived, champion)));

      assertThat(serving.current().champion().lineage().version()).isEqualTo("model-dir");
    }
  }

  /**
   * model.quantization=none: the registered int8 default runs as its fp32 model, under the id the manifest records
   * for that run mode, and counts as the registered version, so a later change of the registry does not load it again.
   */
  @Test
  void anInstanceWithoutQuantizationServesTheRegisteredVersionUnderTheIdTheManifestRecordsForThatMode() {
    ModelSource source = ModelSource.of(DEFAULT);
    ModelManifest v1 = ModelManifest.newBuilder(ManifestDraft.of(source, Optional.of("v1"), DEFAULT,
        Optional.empty(), Optional.empty())).setStage(ModelStage.champion).build();
    assertThat(v1.getFp32ModelId()).isNotNull().isNotEqualTo(v1.getModelId());
    ModelLoader fp32 = new ModelLoader(new ModelFetcher(dir.resolve("cache"), Duration.ofSeconds(10)),
        InferenceOptions.DEFAULT.withoutQuantization());
    AtomicInteger loads = new AtomicInteger();

    try (ServingModels serving = new ServingModels(ModelVersions.load(ModelVersions.TINY_ROBERTA))) {
      ModelSwitcher switcher = new ModelSwitcher(serving, m -> {
        loads.incrementAndGet();
        return fp32.load(m);
      }, 1.0);
      assertThat(switcher.apply(ModelRegistry.of(List.of(v1)))).isEmpty();
      ModelVersions versions = new ModelVersions(dir);
      Path v2 = versions.sameLabels("v2");
      switcher.apply(ModelRegistry.of(List.of(v1, manifest("v2", idOf(v2), v2.toString(), ModelStage.candidate))));

      assertThat(serving.current().champion().lineage().id()).isEqualTo(v1.getFp32ModelId());
      assertThat(serving.current().champion().lineage().version()).isEqualTo("v1+fp32");
      assertThat(loads).hasValue(1);
      assertThat(ModelRegistry.idsOf(v1)).containsExactlyInAnyOrder(v1.getModelId(), v1.getFp32ModelId());
    }
  }

  private static ServingModels startedWithModelDir(ModelVersions versions) {
    return new ServingModels(ModelVersions.load(versions.sameLabels("model-dir")));
  }

  private ModelSwitcher switcher(ServingModels serving) {
    ModelLoader loader = new ModelLoader(new ModelFetcher(dir.resolve("cache"), Duration.ofSeconds(10)),
        InferenceOptions.DEFAULT);
    return new ModelSwitcher(serving, loader::load, 1.0);
  }

  private static ModelManifest championAfter(String version, String modelId, String location, String previous) {
    return ModelManifest.newBuilder(manifest(version, modelId, location, ModelStage.champion))
        .setPreviousChampion(previous).build();
  }

  private static ModelManifest manifest(String version, String modelId, String location, ModelStage stage) {
    return Manifests.manifest(version, modelId, location, stage);
  }

  private static String idOf(Path model) {
    return ModelLineage.identify(ModelSource.of(model.toString())).id();
  }
}
