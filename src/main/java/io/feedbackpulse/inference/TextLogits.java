package io.feedbackpulse.inference;

import java.util.List;

/**
 * A text's raw verdict before probabilities: the logits of each window it was scored over (in the
 * model's class order, which {@code labels} maps onto sentiments) and how many body tokens each
 * window weighs. Kept apart from
 * {@link Prediction} so that a temperature can be fitted without running the model again.
 */
public record TextLogits(List<double[]> windowLogits, int[] windowWeights, int tokenCount, boolean truncated,
    LabelMapping labels) {
  public TextLogits {
    if (windowLogits.isEmpty() || windowLogits.size() != windowWeights.length) {
      throw new IllegalArgumentException("need one weight per window and at least one window, got "
          + windowLogits.size() + " windows and " + windowWeights.length + " weights");
    }
    windowLogits = windowLogits.stream().map(double[]::clone).toList();
    windowWeights = windowWeights.clone();
  }

  /** Each window's probabilities at the calibration's temperature, averaged by the windows' body tokens. */
  public Prediction prediction(Calibration calibration) {
    double[] p = new double[3];
    double total = 0;
    for (int w = 0; w < windowLogits.size(); w++) {
      // Softmax over the model's own classes first: a two-class model has no neutral logit to scale.
      double[] windowP = labels.toSentimentOrder(calibration.probabilities(windowLogits.get(w)));
      for (int c = 0; c < 3; c++) {
        p[c] += windowWeights[w] * windowP[c];
      }
      total += windowWeights[w];
    }
    for (int c = 0; c < 3; c++) {
      p[c] /= total;
    }
    return new Prediction(p, tokenCount, windowLogits.size(), truncated);
  }

  @Override
  public List<double[]> windowLogits() {
    return windowLogits.stream().map(double[]::clone).toList();
  }

  @Override
  public int[] windowWeights() {
    return windowWeights.clone();
  }
}
