package io.feedbackpulse.inference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Measures the ranges of a model's activations that int8 quantization needs: the model's fp32 graph runs the
 * calibration texts with the input of every product by a weight exposed as an output, and each input's range is
 * taken over the texts' real tokens (padding excluded).
 */
public final class ActivationCalibration {
  private ActivationCalibration() {}

  /**
   * @param model the model in fp32 (loaded with quantization off)
   * @param progress told how many texts are done after each model call
   */
  public static ActivationRanges measure(SentimentModel model, List<String> texts, InferenceOptions options,
      ObjectNode calibration, IntConsumer progress) {
    List<String> activations = Int8Quantization.activations(model.fp32Graph());
    Map<String, float[]> extremes = new LinkedHashMap<>();
    for (String name : activations) {
      extremes.put(name, new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY});
    }
    try (OnnxGraph probe = OnnxGraph.load(Int8Quantization.exposeActivations(model.fp32Graph()),
        options.withoutQuantization(), model.padTokenId())) {
      List<long[]> batch = new ArrayList<>();
      int done = 0;
      for (String text : texts) {
        batch.addAll(model.windowRows(text));
        done++;
        if (batch.size() >= options.maxBatchRows() || done == texts.size()) {
          observe(probe.runAll(batch, extremes.keySet()), batch, extremes);
          batch.clear();
          progress.accept(done);
        }
      }
    }
    Map<String, ActivationRanges.Range> ranges = new LinkedHashMap<>();
    extremes.forEach((name, e) -> {
      if (e[0] <= e[1]) {
        ranges.put(name, new ActivationRanges.Range(e[0], e[1]));
      }
    });
    return new ActivationRanges(ranges, calibration);
  }

  /** Widens each range by the values at the rows' real positions ([rows, positions, features] outputs). */
  private static void observe(Map<String, OnnxGraph.Output> outputs, List<long[]> rows, Map<String, float[]> extremes) {
    outputs.forEach((name, out) -> {
      float[] e = extremes.get(name);
      long[] shape = out.shape();
      if (e == null || shape.length != 3 || shape[0] != rows.size()) {
        throw new InferenceException("activation " + name + " has shape " + Arrays.toString(shape)
            + "; calibration reads [rows, positions, features]", null);
      }
      int positions = (int) shape[1];
      int features = (int) shape[2];
      for (int r = 0; r < rows.size(); r++) {
        int real = Math.min(rows.get(r).length, positions);
        int from = r * positions * features;
        for (int i = from; i < from + real * features; i++) {
          float v = out.values()[i];
          e[0] = Math.min(e[0], v);
          e[1] = Math.max(e[1], v);
        }
      }
    });
  }
}
