package io.feedbackpulse.inference;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Maps the model's class indices to the service's labels. */
public final class LabelMapping {
  private final Sentiment[] byClassIndex;

  private LabelMapping(Sentiment[] byClassIndex) {
    this.byClassIndex = byClassIndex;
  }

  /**
   * Builds the mapping from a Hugging Face {@code id2label}, in any order; an explicit mapping of
   * label names to -1/0/1 wins over reading the names.
   */
  public static LabelMapping from(Map<Integer, String> id2label, Map<String, Integer> explicit) {
    if (id2label.isEmpty()) {
      throw new ModelLoadException("config.json: id2label is missing or empty");
    }
    TreeMap<Integer, String> sorted = new TreeMap<>(id2label);
    if (sorted.firstKey() != 0 || sorted.lastKey() != sorted.size() - 1) {
      throw new ModelLoadException("config.json: id2label must number classes 0.." + (sorted.size() - 1)
          + ", got " + sorted.keySet());
    }
    Sentiment[] mapping = new Sentiment[sorted.size()];
    Set<Sentiment> seen = EnumSet.noneOf(Sentiment.class);
    for (Map.Entry<Integer, String> e : sorted.entrySet()) {
      Sentiment s = resolve(e.getValue(), explicit)
          .orElseThrow(() -> new ModelLoadException("config.json: label '" + e.getValue() + "' of class "
              + e.getKey() + " says neither negative, neutral nor positive; map it with "
              + "feedback_pulse.label_map, e.g. {\"" + e.getValue() + "\": -1}"));
      if (!seen.add(s)) {
        throw new ModelLoadException("config.json: two classes map to " + s.label() + ": " + sorted);
      }
      mapping[e.getKey()] = s;
    }
    if (!seen.contains(Sentiment.NEGATIVE) || !seen.contains(Sentiment.POSITIVE)) {
      throw new ModelLoadException("config.json: the model must have a negative and a positive class, got "
          + sorted);
    }
    return new LabelMapping(mapping);
  }

  private static Optional<Sentiment> resolve(String name, Map<String, Integer> explicit) {
    Integer value = explicit.get(name);
    if (value != null) {
      return Optional.of(Sentiment.ofValue(value));
    }
    return Sentiment.fromLabelName(name);
  }

  public int classCount() {
    return byClassIndex.length;
  }

  public Sentiment sentimentOf(int classIndex) {
    return byClassIndex[classIndex];
  }

  /** Spreads one row of class probabilities onto negative, neutral, positive (absent classes get 0). */
  public double[] toSentimentOrder(double[] classProbabilities) {
    double[] out = new double[Sentiment.values().length];
    for (int c = 0; c < byClassIndex.length; c++) {
      out[byClassIndex[c].index()] = classProbabilities[c];
    }
    return out;
  }

  @Override
  public String toString() {
    return Arrays.toString(byClassIndex);
  }
}
