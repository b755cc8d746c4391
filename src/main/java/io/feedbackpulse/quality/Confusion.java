package io.feedbackpulse.quality;

import java.util.Arrays;
import java.util.List;

/**
 * A confusion matrix of labelled items (rows true, columns predicted; negative, neutral, positive) and the figures
 * {@code model.quality} gives for it, counted the same way ({@link QualityWindow}).
 */
public final class Confusion {
  private final long[][] counts;

  private Confusion(long[][] counts) {
    this.counts = counts;
  }

  public static Confusion empty() {
    return new Confusion(new long[3][3]);
  }

  /** @param rows as {@code ModelQuality.confusion} holds them: three rows of three counts */
  public static Confusion of(List<List<Long>> rows) {
    if (rows.size() != 3 || rows.stream().anyMatch(r -> r.size() != 3)) {
      throw new IllegalArgumentException("a confusion matrix is 3 rows of 3 counts, got " + rows);
    }
    long[][] counts = new long[3][3];
    for (int t = 0; t < 3; t++) {
      for (int p = 0; p < 3; p++) {
        counts[t][p] = rows.get(t).get(p);
      }
    }
    return new Confusion(counts);
  }

  /** Cell by cell. */
  public Confusion plus(Confusion other) {
    return combine(other, 1);
  }

  /**
   * What was added since {@code earlier}, the same window's matrix at an earlier time. A label replaced since then
   * takes its item out of one cell and into another: the new label counts, the old one is not taken below 0.
   */
  public Confusion since(Confusion earlier) {
    return combine(earlier, -1);
  }

  private Confusion combine(Confusion other, int sign) {
    long[][] out = new long[3][3];
    for (int t = 0; t < 3; t++) {
      for (int p = 0; p < 3; p++) {
        out[t][p] = Math.max(0, counts[t][p] + sign * other.counts[t][p]);
      }
    }
    return new Confusion(out);
  }

  public long labelled() {
    return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
  }

  /** Mean F1 of the three classes, 0 for a class no item has as truth or prediction; 0 without items. */
  public double macroF1() {
    return QualityWindow.macroF1(toDouble());
  }

  public double accuracy() {
    return QualityWindow.accuracy(toDouble());
  }

  private double[][] toDouble() {
    double[][] d = new double[3][3];
    for (int t = 0; t < 3; t++) {
      for (int p = 0; p < 3; p++) {
        d[t][p] = counts[t][p];
      }
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Confusion c && Arrays.deepEquals(counts, c.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(counts);
  }

  @Override
  public String toString() {
    return Arrays.deepToString(counts);
  }
}
