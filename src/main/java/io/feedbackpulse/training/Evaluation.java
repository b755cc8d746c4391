package io.feedbackpulse.training;

import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.SentimentModel;
import java.util.List;

/** Scores labeled examples with a model and reports how well it did. */
public final class Evaluation {
  private final SentimentModel model;

  public Evaluation(SentimentModel model) {
    this.model = model;
  }

  public ClassificationReport evaluate(List<LabeledExample> examples) {
    List<Prediction> predictions = model.predict(examples.stream().map(LabeledExample::text).toList());
    return ClassificationReport.of(examples.stream().map(LabeledExample::label).toList(),
        predictions.stream().map(Prediction::label).toList());
  }
}
