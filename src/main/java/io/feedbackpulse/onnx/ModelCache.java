package io.feedbackpulse.onnx;

import java.nio.file.Path;

/** Where derived model files go: copies of classpath files, patched and quantized graphs, native libraries. */
public final class ModelCache {
  private ModelCache() {}

  /** {@code feedbackpulse.model.cache}, else a folder in the temp dir. */
  public static Path directory() {
    String configured = System.getProperty("feedbackpulse.model.cache");
    return configured != null ? Path.of(configured)
        : Path.of(System.getProperty("java.io.tmpdir"), "feedback-pulse-models");
  }
}
