package io.feedbackpulse.models;

import io.feedbackpulse.avro.ModelEvaluation;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.training.ClassificationReport;
import io.feedbackpulse.training.Evaluation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Puts figures on an evaluation set into manifests that lack them: each model is fetched (and so verified) as an
 * instance would fetch it, and measured as {@code evaluate} measures it. A version that already has figures on the
 * set's hash is not evaluated again: the same model on the same bytes gives the same figures.
 */
public final class GateEvaluations {
  private final ModelFetcher fetcher;
  private final InferenceOptions options;
  private final Clock clock;

  public GateEvaluations(ModelFetcher fetcher, InferenceOptions options, Clock clock) {
    this.fetcher = fetcher;
    this.options = options;
    this.clock = clock;
  }

  /** The manifests that needed figures on {@code set}, with them; the others are left out. */
  public List<ModelManifest> missingFigures(List<ModelManifest> manifests, EvalSet set) {
    List<ModelManifest> updated = new ArrayList<>();
    for (ModelManifest m : manifests) {
      if (PromotionGate.figures(m, set.hash()).isEmpty()) {
        updated.add(withEvaluation(m, evaluate(m, set)));
      }
    }
    return updated;
  }

  public ModelEvaluation evaluate(ModelManifest m, EvalSet set) {
    try (SentimentModel model = SentimentModel.load(fetcher.fetch(m), options)) {
      Evaluation.Report report = new Evaluation(model).evaluate(set.examples());
      ClassificationReport c = report.classification();
      return ModelEvaluation.newBuilder()
          .setEvalSetHash(set.hash())
          .setEvalSetName(set.name())
          .setN(c.n())
          .setAccuracy(c.accuracy())
          .setMacroF1(c.macroF1())
          .setF1Negative(c.f1(Sentiment.NEGATIVE))
          .setF1Neutral(c.f1(Sentiment.NEUTRAL))
          .setF1Positive(c.f1(Sentiment.POSITIVE))
          .setEce(report.calibration().expectedCalibrationError())
          .setEvaluatedAt(clock.instant())
          .build();
    }
  }

  /** The manifest with this evaluation in place of any earlier one on the same set. */
  public static ModelManifest withEvaluation(ModelManifest m, ModelEvaluation e) {
    List<ModelEvaluation> evaluations = new ArrayList<>(m.getEvaluations().stream()
        .filter(old -> !old.getEvalSetHash().equals(e.getEvalSetHash())).toList());
    evaluations.add(e);
    return ModelManifest.newBuilder(m).setEvaluations(evaluations).build();
  }

  /** The newest figures of a manifest, on whatever set. */
  public static Optional<ModelEvaluation> newest(ModelManifest m) {
    return m.getEvaluations().stream().max(Comparator.comparing(ModelEvaluation::getEvaluatedAt));
  }
}
