package io.feedbackpulse.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three parts of the labeled data a training run uses, drawn per source so that every source
 * has its own stratified held-out test split that training and model selection never see, and its
 * own validation split. Source i (in order of first appearance, files in the order given) is split
 * with seed + 2i (test) and seed + 2i + 1 (validation), so one file alone splits exactly as before
 * several were accepted, and `calibrate` rebuilds the same validation split from the data and seed.
 *
 * @param train what the gradient steps see
 * @param validation what chooses the epoch and fits the temperature
 * @param test the held-out split for the report
 */
public record TrainingSplits(List<LabeledExample> train, List<LabeledExample> validation,
    List<LabeledExample> test) {

  public static TrainingSplits read(List<Path> files, long seed, double testFraction, double validationFraction)
      throws IOException {
    List<LabeledExample> all = new ArrayList<>();
    for (Path file : files) {
      all.addAll(LabeledCsv.read(file));
    }
    return of(all, seed, testFraction, validationFraction);
  }

  /** The held-out test split a run with this seed and fraction puts aside (the validation split does not move it). */
  public static List<LabeledExample> heldOut(List<LabeledExample> all, long seed, double testFraction) {
    return of(all, seed, testFraction, 0).test();
  }

  public static TrainingSplits of(List<LabeledExample> all, long seed, double testFraction,
      double validationFraction) {
    List<LabeledExample> train = new ArrayList<>();
    List<LabeledExample> validation = new ArrayList<>();
    List<LabeledExample> test = new ArrayList<>();
    int i = 0;
    for (List<LabeledExample> source : bySource(all).values()) {
      long sourceSeed = seed + 2L * i++;
      Splits.Split<LabeledExample> outer = Splits.stratified(source, LabeledExample::label, testFraction, sourceSeed);
      Splits.Split<LabeledExample> inner = Splits.stratified(outer.train(), LabeledExample::label,
          validationFraction, sourceSeed + 1);
      train.addAll(inner.train());
      validation.addAll(inner.test());
      test.addAll(outer.test());
    }
    return new TrainingSplits(List.copyOf(train), List.copyOf(validation), List.copyOf(test));
  }

  /** Training and validation together: the data the model learned from, whose label shares are the baseline's. */
  public List<LabeledExample> trainAndValidation() {
    List<LabeledExample> out = new ArrayList<>(train);
    out.addAll(validation);
    return out;
  }

  public List<String> sources() {
    List<LabeledExample> all = new ArrayList<>(train);
    all.addAll(validation);
    all.addAll(test);
    return List.copyOf(bySource(all).keySet());
  }

  static Map<String, List<LabeledExample>> bySource(List<LabeledExample> examples) {
    Map<String, List<LabeledExample>> out = new LinkedHashMap<>();
    for (LabeledExample e : examples) {
      out.computeIfAbsent(e.source(), s -> new ArrayList<>()).add(e);
    }
    return out;
  }
}
