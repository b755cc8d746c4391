package io.feedbackpulse.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.avro.ModelLineageRecord;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.inference.ModelLineage;
import io.feedbackpulse.inference.ModelLoadException;
import io.feedbackpulse.inference.ModelSource;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manifest {@code models register} proposes for a model directory: its content hash, its version ({@code
 * --version}, else config.json's), and the lineage config.json records ({@code feedback_pulse.training}: its
 * scalar settings, {@code data_sha256} and {@code parent_version} when present). Who and when are the
 * lifecycle's to fill in.
 */
public final class ManifestDraft {
  /** What {@link io.feedbackpulse.inference.ModelConfig} answers when config.json names no version. */
  private static final String NO_VERSION = "unversioned";

  private ManifestDraft() {}

  /**
   * @param location where instances will fetch it: the directory itself, or where a copy of it was published
   * @throws IllegalArgumentException when neither {@code version} nor config.json names a version
   */
  public static ModelManifest of(ModelSource source, Optional<String> version, String location,
      Optional<String> parentVersion, Optional<String> gitCommit) {
    ModelLineage lineage = ModelLineage.identify(source);
    ModelLineage fp32 = ModelLineage.identify(source, false);
    String name = version.orElse(lineage.version());
    if (name.isBlank() || name.equals(NO_VERSION)) {
      throw new IllegalArgumentException("config.json of " + source + " names no version (feedback_pulse.version);"
          + " give --version");
    }
    JsonNode training = config(source).path("feedback_pulse").path("training");
    Map<String, String> settings = new LinkedHashMap<>();
    training.fields().forEachRemaining(e -> {
      if (e.getValue().isValueNode()) {
        settings.put(e.getKey(), e.getValue().asText());
      }
    });
    List<String> dataHashes = new ArrayList<>();
    JsonNode hashes = training.path("data_sha256");
    if (hashes.isArray()) {
      hashes.forEach(h -> dataHashes.add(h.asText()));
    } else if (hashes.isTextual()) {
      dataHashes.add(hashes.asText());
    }
    Optional<String> parent = parentVersion.or(() -> training.hasNonNull("parent_version")
        ? Optional.of(training.get("parent_version").asText()) : Optional.empty());
    return ModelManifest.newBuilder()
        .setVersion(name)
        .setModelId(lineage.id())
        .setFp32ModelId(fp32.id().equals(lineage.id()) ? null : fp32.id())
        .setLocation(location)
        .setStage(ModelStage.candidate)
        .setLineage(ModelLineageRecord.newBuilder().setTrainingDataHashes(dataHashes).setSettings(settings)
            .setParentVersion(parent.orElse(null)).setGitCommit(gitCommit.orElse(null)).build())
        .setRegisteredBy("")
        .setRegisteredAt(Instant.EPOCH)
        .build();
  }

  private static JsonNode config(ModelSource source) {
    try {
      return new ObjectMapper().readTree(source.read("config.json"));
    } catch (IOException e) {
      throw new ModelLoadException("config.json of " + source + " is not valid JSON: " + e.getMessage(), e);
    }
  }
}
