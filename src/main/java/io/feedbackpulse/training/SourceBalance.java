package io.feedbackpulse.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss weight of each training text when several sources are mixed. Within a source every
 * class present carries the same total weight (as the class weighting of one source does); across
 * sources the totals grow with the square root of the source's size: 23,000 VADER texts do not
 * drown 500 Sentiment140 texts, and 500 texts are not made as heavy as 23,000 (each would weigh 46
 * times a VADER text). Weights average 1 over the training set, so the learning rate keeps its meaning.
 */
public final class SourceBalance {
  /** The exponent of a source's size in its total weight: 0 equal sources, 1 as drawn. */
  public static final double SIZE_EXPONENT = 0.5;

  private SourceBalance() {}

  public static double[] weights(List<LabeledExample> train) {
    Map<String, Integer> sourceSize = new LinkedHashMap<>();
    Map<String, Integer> classSize = new HashMap<>();
    for (LabeledExample e : train) {
      sourceSize.merge(e.source(), 1, Integer::sum);
      classSize.merge(key(e), 1, Integer::sum);
    }
    Map<String, Integer> classesPresent = new HashMap<>();
    for (String k : classSize.keySet()) {
      classesPresent.merge(k.substring(0, k.lastIndexOf('\u0000')), 1, Integer::sum);
    }
    double[] w = new double[train.size()];
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      LabeledExample e = train.get(i);
      double sourceTotal = Math.pow(sourceSize.get(e.source()), SIZE_EXPONENT);
      w[i] = sourceTotal / (classesPresent.get(e.source()) * classSize.get(key(e)));
      sum += w[i];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] *= w.length / sum;
    }
    return w;
  }

  /** Each source's index in order of first appearance: the group its validation texts are scored in. */
  public static List<Integer> groups(List<LabeledExample> examples) {
    Map<String, Integer> index = new LinkedHashMap<>();
    List<Integer> out = new ArrayList<>(examples.size());
    for (LabeledExample e : examples) {
      out.add(index.computeIfAbsent(e.source(), s -> index.size()));
    }
    return out;
  }

  private static String key(LabeledExample e) {
    return e.source() + '\u0000' + e.label();
  }
}
