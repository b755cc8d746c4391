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
import java.util.Locale;
import java.util.Optional;

/**
 * Puts figures on an evaluation set into manifests that lack them: each model is fetched (and so verified) as an
 * instance would fetch it, and measured as {@code evaluate} measures it. A manifest keeps one evaluation per set
 * hash: figures on one set never replace those on another. A version that already has figures on the set's hash
 * is not evaluated again, since the same model on the same bytes gives the same figures; figures that say
 * otherwise (another count of items, other scores) are a {@link ConflictingFiguresException}.
 */
public final class GateEvaluations {
  private static final double FIGURE_TOLERANCE = 1e-6;
  private final ModelFetcher fetcher;
  private final InferenceOptions options;
  private final Clock clock;

  public GateEvaluations(ModelFetcher fetcher, InferenceOptions options, Clock clock) {
    this.fetcher = fetcher;
    this.options = options;
    this.clock = clock;
  }

  /**
   * The manifests that needed figures on {@code set}, with them; the others are left out.
   *
   * @throws ConflictingFiguresException when figures recorded on the set's hash counted another number of items
   */
  public List<ModelManifest> missingFigures(List<ModelManifest> manifests, EvalSet set) {
    List<ModelManifest> updated = new ArrayList<>();
    for (ModelManifest m : manifests) {
      Optional<ModelEvaluation> recorded = PromotionGate.figures(m, set.hash());
      if (recorded.isEmpty()) {
        updated.add(withEvaluation(m, evaluate(m, set)));
      } else if (recorded.get().getN() != set.examples().size()) {
        throw new ConflictingFiguresException(m.getVersion(), recorded.get(), "n=" + set.examples().size());
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

  /**
   * The manifest with this evaluation beside those on other sets; the same figures on a set it has are no change.
   *
   * @throws ConflictingFiguresException when it has other figures on the same set
   */
  public static ModelManifest withEvaluation(ModelManifest m, ModelEvaluation e) {
    Optional<ModelEvaluation> recorded = PromotionGate.figures(m, e.getEvalSetHash());
    if (recorded.isPresent()) {
      if (sameFigures(recorded.get(), e)) {
        return m;
      }
      throw new ConflictingFiguresException(m.getVersion(), recorded.get(),
          String.format(Locale.ROOT, "n=%d, macro-F1 %.4f", e.getN(), e.getMacroF1()));
    }
    List<ModelEvaluation> evaluations = new ArrayList<>(m.getEvaluations());
    evaluations.add(e);
    return ModelManifest.newBuilder(m).setEvaluations(evaluations).build();
  }

  /** The figures alike, whatever the file was called and whenever it was measured. */
  private static boolean sameFigures(ModelEvaluation a, ModelEvaluation b) {
    boolean sameEce = a.getEce() == null ? b.getEce() == null : b.getEce() != null && close(a.getEce(), b.getEce());
    return a.getN() == b.getN() && close(a.getAccuracy(), b.getAccuracy()) && close(a.getMacroF1(), b.getMacroF1())
        && close(a.getF1Negative(), b.getF1Negative()) && close(a.getF1Neutral(), b.getF1Neutral())
        && close(a.getF1Positive(), b.getF1Positive()) && sameEce;
  }

  /** Figures are read to four decimals; a last-bit difference of another CPU is not another figure. */
  private static boolean close(double a, double b) {
    return Math.abs(a - b) < FIGURE_TOLERANCE;
  }

  /** The newest figures of a manifest, on whatever set. */
  public static Optional<ModelEvaluation> newest(ModelManifest m) {
    return m.getEvaluations().stream().max(Comparator.comparing(ModelEvaluation::getEvaluatedAt));
  }
}
