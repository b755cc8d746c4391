package io.feedbackpulse.models;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelLineage;
import io.feedbackpulse.inference.ModelLoadException;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.SentimentModel;
import java.util.List;
import java.util.Optional;

/**
 * A registered version made ready to serve: fetched and verified ({@link ModelFetcher}), loaded under its
 * registered version name, and warmed by one call, so the first batch after a swap does not pay for the
 * session's first run.
 */
public final class ModelLoader {
  private static final List<String> WARM_UP = List.of("warming up the model before it serves");

  private final ModelFetcher fetcher;
  private final InferenceOptions options;

  public ModelLoader(ModelFetcher fetcher, InferenceOptions options) {
    this.fetcher = fetcher;
    this.options = options;
  }

  /**
   * @throws ModelFetchException when it cannot be fetched or is not the registered model
   * @throws ModelLoadException when it does not load or run
   */
  public SentimentModel load(ModelManifest manifest) {
    ModelSource source = fetcher.fetch(manifest);
    SentimentModel model = SentimentModel.load(source, options, Optional.of(manifest.getVersion()));
    try {
      // The copy verified as the registered content; under model.quantization=none it runs as its fp32 model.
      String expected = ModelLineage.identify(source, options.quantize()).id();
      if (!model.lineage().id().equals(expected)) {
        throw new ModelLoadException("loaded as " + model.lineage().id() + ", registered as " + manifest.getModelId()
            + (expected.equals(manifest.getModelId()) ? "" : " (" + expected + " in fp32)"));
      }
      model.predict(WARM_UP);
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }
}
