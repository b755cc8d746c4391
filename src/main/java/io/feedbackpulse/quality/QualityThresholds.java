package io.feedbackpulse.quality;

import java.util.OptionalDouble;

/**
 * When a window's realized quality is an event: macro-F1 more than {@code maxDrop} below the model's own
 * test figure, over at least {@code minLabelled} labelled items. Only the serving model's test figure is
 * known ({@code baselineMacroF1} of {@code modelId}); other versions are measured but raise no event.
 */
public record QualityThresholds(String modelId, OptionalDouble baselineMacroF1, double maxDrop, long minLabelled) {

  public OptionalDouble baselineOf(String model) {
    return model.equals(modelId) ? baselineMacroF1 : OptionalDouble.empty();
  }
}
