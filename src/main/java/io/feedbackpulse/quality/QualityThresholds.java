package io.feedbackpulse.quality;

import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * When a window's realized quality is an event: macro-F1 more than {@code maxDrop} below the model's own
 * test figure, over at least {@code minLabelled} labelled items. {@code testMacroF1} gives a model's figure by
 * model id where it is known (the models an instance has served and whose baseline has one); other versions are
 * measured but raise no event.
 */
public record QualityThresholds(Function<String, OptionalDouble> testMacroF1, double maxDrop, long minLabelled) {

  public OptionalDouble baselineOf(String model) {
    return testMacroF1.apply(model);
  }
}
