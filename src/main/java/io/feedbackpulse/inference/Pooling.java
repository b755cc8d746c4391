package io.feedbackpulse.inference;

import java.util.Locale;

/** Turns an encoder's token states of one row into one feature vector. */
public enum Pooling {
  /** The first token's state ([CLS] / {@code <s>}). */
  CLS,
  /** The mean of the states of the attended tokens. */
  MEAN,
  /** CLS and MEAN side by side. */
  CLS_MEAN;

  public static Pooling parse(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('+', '_').replace('-', '_'));
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '+');
  }

  public int featureSize(int hidden) {
    return this == CLS_MEAN ? 2 * hidden : hidden;
  }

  /**
   * @param states flat [batch, length, hidden] token states
   * @param row the row to pool
   * @param attended how many leading tokens of the row are not padding
   */
  public float[] pool(float[] states, int row, int length, int hidden, int attended) {
    int base = row * length * hidden;
    float[] cls = new float[hidden];
    System.arraycopy(states, base, cls, 0, hidden);
    if (this == CLS) {
      return cls;
    }
    double[] sum = new double[hidden];
    for (int t = 0; t < attended; t++) {
      int off = base + t * hidden;
      for (int h = 0; h < hidden; h++) {
        sum[h] += states[off + h];
      }
    }
    float[] mean = new float[hidden];
    for (int h = 0; h < hidden; h++) {
      mean[h] = (float) (sum[h] / attended);
    }
    if (this == MEAN) {
      return mean;
    }
    float[] both = new float[2 * hidden];
    System.arraycopy(cls, 0, both, 0, hidden);
    System.arraycopy(mean, 0, both, hidden, hidden);
    return both;
  }
}
