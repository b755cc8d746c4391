package io.feedbackpulse.training;

import io.feedbackpulse.inference.Sentiment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/** Seeded, stratified splits and balanced samples of labeled examples. */
public final class Splits {
  private Splits() {}

  /** Two parts of a data set. */
  public record Split<T>(List<T> train, List<T> test) {}

  /** Holds out {@code testFraction} of each class, seeded. */
  public static <T> Split<T> stratified(List<T> items, Function<T, Sentiment> label,
      double testFraction, long seed) {
    Map<Sentiment, List<T>> byClass = byClass(items, label);
    List<T> train = new ArrayList<>();
    List<T> test = new ArrayList<>();
    Random random = new Random(seed);
    for (List<T> group : byClass.values()) {
      Collections.shuffle(group, random);
      int cut = (int) Math.round(group.size() * testFraction);
      test.addAll(group.subList(0, cut));
      train.addAll(group.subList(cut, group.size()));
    }
    Collections.shuffle(train, random);
    Collections.shuffle(test, random);
    return new Split<>(train, test);
  }

  /** An equal number of each class (the smallest class's count), seeded. */
  public static <T> List<T> balanced(List<T> items, Function<T, Sentiment> label, long seed) {
    Map<Sentiment, List<T>> byClass = byClass(items, label);
    int n = byClass.values().stream().mapToInt(List::size).min().orElse(0);
    Random random = new Random(seed);
    List<T> out = new ArrayList<>();
    for (List<T> group : byClass.values()) {
      Collections.shuffle(group, random);
      out.addAll(group.subList(0, n));
    }
    Collections.shuffle(out, random);
    return out;
  }

  private static <T> Map<Sentiment, List<T>> byClass(List<T> items, Function<T, Sentiment> label) {
    Map<Sentiment, List<T>> byClass = new EnumMap<>(Sentiment.class);
    for (Sentiment s : Sentiment.values()) {
      byClass.put(s, new ArrayList<>());
    }
    for (T item : items) {
      byClass.get(label.apply(item)).add(item);
    }
    return byClass;
  }
}
