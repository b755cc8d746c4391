package io.feedbackpulse.models;

import io.feedbackpulse.avro.ModelLineageRecord;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import java.time.Instant;

/** Manifests for tests: a version in a stage, with a made-up model id. */
final class Manifests {
  private Manifests() {}

  static ModelManifest manifest(String version, ModelStage stage) {
    return manifest(version, "sha256:" + String.format("%016x", version.hashCode()), "/models/" + version, stage);
  }

  static ModelManifest manifest(String version, String modelId, String location, ModelStage stage) {
    return ModelManifest.newBuilder()
        .setVersion(version)
        .setModelId(modelId)
        .setLocation(location)
        .setStage(stage)
        .setLineage(ModelLineageRecord.newBuilder().build())
        .setRegisteredBy("test")
        .setRegisteredAt(Instant.EPOCH)
        .build();
  }
}
