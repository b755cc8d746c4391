package io.feedbackpulse.models;

import io.feedbackpulse.avro.LoadRefusal;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelRefusal;
import io.feedbackpulse.avro.ModelStage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry as of one read of {@code model.registry}: the latest manifest of each version. Immutable; a change
 * is a new manifest written to the topic and read back.
 */
public final class ModelRegistry {
  private final Map<String, ModelManifest> byVersion;

  private ModelRegistry(Map<String, ModelManifest> byVersion) {
    this.byVersion = byVersion;
  }

  /** Manifests in topic order: a later one of a version replaces the earlier. */
  public static ModelRegistry of(Collection<ModelManifest> manifests) {
    Map<String, ModelManifest> latest = new LinkedHashMap<>();
    manifests.forEach(m -> latest.put(m.getVersion(), m));
    return new ModelRegistry(latest);
  }

  public static ModelRegistry empty() {
    return of(List.of());
  }

  /** The same registry with these manifests written after the others. */
  public ModelRegistry with(Collection<ModelManifest> written) {
    List<ModelManifest> all = new ArrayList<>(byVersion.values());
    all.addAll(written);
    return of(all);
  }

  /**
   * The same registry with each version's refusals from {@code model.refusals} in its manifest's {@code refusals}:
   * those that refused the content the manifest names now (its model id), one per instance, the latest. Refusals
   * an older version of the service appended to the manifest itself stay.
   */
  public ModelRegistry withRefusals(Collection<ModelRefusal> refusals) {
    Map<String, ModelManifest> folded = new LinkedHashMap<>();
    byVersion.forEach((version, m) -> {
      Map<String, LoadRefusal> byInstance = new LinkedHashMap<>();
      m.getRefusals().forEach(r -> byInstance.put(r.getInstance(), r));
      refusals.stream()
          .filter(r -> r.getVersion().equals(version) && r.getModelId().equals(m.getModelId()))
          .forEach(r -> byInstance.put(r.getInstance(), new LoadRefusal(r.getInstance(), r.getAt(), r.getReason())));
      folded.put(version, ModelManifest.newBuilder(m).setRefusals(new ArrayList<>(byInstance.values())).build());
    });
    return new ModelRegistry(folded);
  }

  public Optional<ModelManifest> version(String version) {
    return Optional.ofNullable(byVersion.get(version));
  }

  /**
   * The ids records of this version may carry: its model id, and the id of its fp32 run where it has one (an
   * instance with model.quantization=none serves and compares it under that id).
   */
  public static Set<String> idsOf(ModelManifest m) {
    return m.getFp32ModelId() == null ? Set.of(m.getModelId()) : Set.of(m.getModelId(), m.getFp32ModelId());
  }

  /** A version with this content hash, if one is registered. */
  public Optional<ModelManifest> byModelId(String modelId) {
    return byVersion.values().stream().filter(m -> m.getModelId().equals(modelId)).findFirst();
  }

  public Optional<ModelManifest> champion() {
    return inStage(ModelStage.champion);
  }

  public Optional<ModelManifest> challenger() {
    return inStage(ModelStage.challenger);
  }

  /** The version the champion replaced, which {@code models rollback} restores. */
  public Optional<ModelManifest> previousChampion() {
    return champion().map(ModelManifest::getPreviousChampion).flatMap(this::version);
  }

  /**
   * Every version, oldest registration first: the topic's partitions keep each version's records in order, not
   * the order of versions across partitions.
   */
  public List<ModelManifest> all() {
    return byVersion.values().stream().sorted(Comparator.comparing(ModelManifest::getRegisteredAt)).toList();
  }

  private Optional<ModelManifest> inStage(ModelStage stage) {
    return byVersion.values().stream().filter(m -> m.getStage() == stage).findFirst();
  }
}
