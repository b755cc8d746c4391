package io.feedbackpulse.inference;

/**
 * The model's verdict on one text.
 *
 * @param probabilities class probabilities indexed by {@link Sentiment#index()}
 * @param tokenCount tokens of the text, special tokens excluded
 * @param chunkCount model windows the text was scored over
 * @param truncated the windows did not reach the end of the text: it was scored over its beginning only
 */
public record Prediction(double[] probabilities, int tokenCount, int chunkCount, boolean truncated) {

  public Prediction {
    if (probabilities.length != Sentiment.values().length) {
      throw new IllegalArgumentException("expected 3 probabilities, got " + probabilities.length);
    }
    probabilities = probabilities.clone();
  }

  public Prediction(double[] probabilities, int tokenCount, int chunkCount) {
    this(probabilities, tokenCount, chunkCount, false);
  }

  public Sentiment label() {
    Sentiment best = Sentiment.NEGATIVE;
    for (Sentiment s : Sentiment.values()) {
      if (probabilities[s.index()] > probabilities[best.index()]) {
        best = s;
      }
    }
    return best;
  }

  public double probability(Sentiment sentiment) {
    return probabilities[sentiment.index()];
  }

  public double confidence() {
    return probability(label());
  }

  /** Shannon entropy of the probabilities, in bits. */
  public double entropyBits() {
    return entropyBits(probabilities);
  }

  /** Shannon entropy of a probability vector, in bits. */
  public static double entropyBits(double[] probabilities) {
    double h = 0;
    for (double p : probabilities) {
      if (p > 0) {
        h -= p * Math.log(p) / Math.log(2);
      }
    }
    return h;
  }

  @Override
  public double[] probabilities() {
    return probabilities.clone();
  }
}
