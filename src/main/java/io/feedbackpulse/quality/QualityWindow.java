package io.feedbackpulse.quality;

import io.feedbackpulse.avro.ClassQuality;
import io.feedbackpulse.avro.ModelInfo;
import io.feedbackpulse.avro.ModelQuality;
import io.feedbackpulse.inference.Sentiment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One model version's figures on one channel in one window: the confusion matrix of its labelled items
 * (rows true, columns predicted; negative, neutral, positive) and, for the estimate, the expected confusion
 * matrix of every item it scored: an item predicted k adds its probabilities p_j to cell (j, k), the chance
 * that its true label is j if the probabilities are calibrated (confidence-based performance estimation).
 * Precision, recall and F1 are 0 where undefined, as {@code evaluate} counts them.
 */
final class QualityWindow {
  private long[][] confusion = new long[3][3];
  private double[][] expected = new double[3][3];
  private long scored;
  private boolean degradationReported;

  void apply(QualityChange change) {
    int predicted = Sentiment.ofValue(change.predicted()).index();
    switch (change.kind()) {
      case SCORED -> {
        scored++;
        for (int j = 0; j < 3; j++) {
          expected[j][predicted] += change.probabilities()[j];
        }
      }
      case LABELLED -> confusion[Sentiment.ofValue(change.truth()).index()][predicted]++;
      case RETRACTED -> {
        int truth = Sentiment.ofValue(change.truth()).index();
        // A retraction of a contribution this window never saw (it expired with the window) changes nothing.
        if (confusion[truth][predicted] > 0) {
          confusion[truth][predicted]--;
        }
      }
    }
  }

  long labelled() {
    return Arrays.stream(confusion).flatMapToLong(Arrays::stream).sum();
  }

  long scored() {
    return scored;
  }

  double accuracy() {
    return accuracy(toDouble(confusion));
  }

  double macroF1() {
    return macroF1(toDouble(confusion));
  }

  double estimatedAccuracy() {
    return accuracy(expected);
  }

  double estimatedMacroF1() {
    return macroF1(expected);
  }

  boolean degradationReported() {
    return degradationReported;
  }

  void markDegradationReported() {
    degradationReported = true;
  }

  long[][] confusion() {
    long[][] copy = new long[3][];
    for (int i = 0; i < 3; i++) {
      copy[i] = confusion[i].clone();
    }
    return copy;
  }

  ModelQuality toRecord(String channel, String modelId, String modelVersion, long windowStart, long windowEnd,
      Double baselineMacroF1) {
    double[][] counts = toDouble(confusion);
    boolean anyLabelled = labelled() > 0;
    List<ClassQuality> classes = new ArrayList<>();
    for (Sentiment s : Sentiment.values()) {
      int c = s.index();
      double predictedTotal = column(counts, c);
      double support = row(counts, c);
      classes.add(ClassQuality.newBuilder().setLabel(s.label()).setSupport((long) support)
          .setPrecision(predictedTotal == 0 ? null : counts[c][c] / predictedTotal)
          .setRecall(support == 0 ? null : counts[c][c] / support)
          .setF1(f1(counts, c)).build());
    }
    List<List<Long>> matrix = new ArrayList<>();
    for (long[] r : confusion) {
      matrix.add(Arrays.stream(r).boxed().toList());
    }
    return ModelQuality.newBuilder()
        .setChannel(channel)
        .setModel(ModelInfo.newBuilder().setId(modelId).setVersion(modelVersion).build())
        .setWindowStart(Instant.ofEpochMilli(windowStart))
        .setWindowEnd(Instant.ofEpochMilli(windowEnd))
        .setLabelled(labelled())
        .setAccuracy(anyLabelled ? accuracy() : null)
        .setMacroF1(anyLabelled ? macroF1() : null)
        .setClasses(classes)
        .setConfusion(matrix)
        .setScored(scored)
        .setEstimatedAccuracy(scored > 0 ? estimatedAccuracy() : null)
        .setEstimatedMacroF1(scored > 0 ? estimatedMacroF1() : null)
        .setBaselineMacroF1(baselineMacroF1)
        .build();
  }

  static double accuracy(double[][] m) {
    double total = 0;
    double diagonal = 0;
    for (int t = 0; t < 3; t++) {
      diagonal += m[t][t];
      total += row(m, t);
    }
    return total == 0 ? 0 : diagonal / total;
  }

  static double macroF1(double[][] m) {
    return (f1(m, 0) + f1(m, 1) + f1(m, 2)) / 3;
  }

  private static double f1(double[][] m, int c) {
    double predicted = column(m, c);
    double actual = row(m, c);
    double precision = predicted == 0 ? 0 : m[c][c] / predicted;
    double recall = actual == 0 ? 0 : m[c][c] / actual;
    return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
  }

  private static double row(double[][] m, int r) {
    return m[r][0] + m[r][1] + m[r][2];
  }

  private static double column(double[][] m, int c) {
    return m[0][c] + m[1][c] + m[2][c];
  }

  private static double[][] toDouble(long[][] counts) {
    double[][] d = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        d[i][j] = counts[i][j];
      }
    }
    return d;
  }
}
