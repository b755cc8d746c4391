package io.feedbackpulse.inference;

import io.feedbackpulse.config.Settings;

/** Loads a model as the settings say; whoever calls it owns the model and closes it. */
public final class ModelLoading {
  private ModelLoading() {}

  /** The model {@code model.dir} names, run as the {@code model.*} settings say. */
  public static SentimentModel load(Settings s) {
    return load(s.string("model.dir"), InferenceOptions.from(s));
  }

  /** Loads the model at {@code location}; a failure names the location. */
  public static SentimentModel load(String location, InferenceOptions options) {
    try {
      return SentimentModel.load(ModelSource.of(location), options);
    } catch (ModelLoadException e) {
      throw new ModelLoadException("the model in " + location + " cannot be loaded: " + e.getMessage(), e);
    }
  }
}
