package io.feedbackpulse.quality;

/** The figures' key inside the model-quality store: a channel (or all) and a model. */
record QualityKey(String channel, String modelId, String modelVersion) {}
