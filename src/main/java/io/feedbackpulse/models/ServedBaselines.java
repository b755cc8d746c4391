package io.feedbackpulse.models;

import io.feedbackpulse.drift.BaselineReference;
import io.feedbackpulse.drift.ConfidenceReference;
import io.feedbackpulse.drift.ReferenceDistribution;
import io.feedbackpulse.inference.Baseline;
import io.feedbackpulse.inference.SentimentModel;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code baseline.json} of every model this instance has served, by model id, and which is the champion's
 * now: drift compares a window with the champion of the moment, and live quality each model with its own test
 * figure, so neither stays with the model the instance started with after a swap.
 */
public final class ServedBaselines {
  /** A served model's id and its baseline, if its directory has one. */
  public record Served(String modelId, Optional<Baseline> baseline) {
    static Served of(SentimentModel model) {
      return new Served(model.lineage().id(), model.baseline());
    }

    /**
     * What drift compares windows with while this model is champion: its baseline's label shares and confidence,
     * or uniform shares when it has none.
     */
    public BaselineReference driftReference() {
      String name = "baseline:" + modelId;
      ReferenceDistribution labels = baseline
          .map(b -> new ReferenceDistribution(name, b.referenceShares()))
          .orElseGet(() -> new ReferenceDistribution("uniform", new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}));
      Optional<ConfidenceReference> confidence = baseline.flatMap(Baseline::modelScores)
          .map(m -> new ConfidenceReference(name, m.meanConfidence(), m.meanEntropyBits()));
      return new BaselineReference(labels, confidence);
    }
  }

  private final Map<String, Served> byId = new ConcurrentHashMap<>();
  private volatile Served champion;

  private ServedBaselines(ModelAssignment first) {
    record(first);
  }

  /** Starts with what {@code models} serves now and learns each assignment it serves from then on. */
  public static ServedBaselines following(ServingModels models) {
    ServedBaselines baselines = new ServedBaselines(models.current());
    models.onServe(baselines::record);
    return baselines;
  }

  private void record(ModelAssignment assignment) {
    assignment.models().forEach(m -> byId.putIfAbsent(m.lineage().id(), Served.of(m)));
    champion = Served.of(assignment.champion());
  }

  /** The champion served now. */
  public Served champion() {
    return champion;
  }

  /** The held-out macro-F1 its baseline records for a model this instance has served; empty otherwise. */
  public OptionalDouble testMacroF1(String modelId) {
    Served served = byId.get(modelId);
    return served == null ? OptionalDouble.empty()
        : served.baseline().map(Baseline::testMacroF1).orElse(OptionalDouble.empty());
  }
}
