package io.feedbackpulse.training;

import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import java.util.ArrayList;
import java.util.List;

/** Scores labeled examples with a model and reports how well it did. */
public final class Evaluation {
  /**
   * Texts per model call. A text's result does not depend on the others in its call; smaller calls let a
   * close of the model (on SIGTERM) wait for one call rather than for the whole evaluation.
   */
  private static final int TEXTS_PER_CALL = 64;

  private final SentimentModel model;
  private final Progress progress;

  public Evaluation(SentimentModel model) {
    this(model, Progress.NONE);
  }

  public Evaluation(SentimentModel model, Progress progress) {
    this.model = model;
    this.progress = progress;
  }

  /** How often the model is right, and how far its confidence is from that. */
  public record Report(ClassificationReport classification, CalibrationReport calibration) {
    public static Report of(List<LabeledExample> examples, List<Prediction> predictions) {
      List<Sentiment> truth = examples.stream().map(LabeledExample::label).toList();
      return new Report(ClassificationReport.of(truth, predictions.stream().map(Prediction::label).toList()),
          CalibrationReport.of(truth, predictions));
    }

    public String toText() {
      return classification.toText() + calibration.toText();
    }
  }

  public Report evaluate(List<LabeledExample> examples) {
    return Report.of(examples, predict(examples));
  }

  /** The model's predictions for the examples, in their order. */
  public List<Prediction> predict(List<LabeledExample> examples) {
    List<String> texts = examples.stream().map(LabeledExample::text).toList();
    List<Prediction> predictions = new ArrayList<>(texts.size());
    Progress.Step step = progress.start("scored", texts.size(), "texts");
    for (int from = 0; from < texts.size(); from += TEXTS_PER_CALL) {
      List<String> call = texts.subList(from, Math.min(texts.size(), from + TEXTS_PER_CALL));
      predictions.addAll(model.predict(call));
      step.advance(call.size());
    }
    return predictions;
  }
}
