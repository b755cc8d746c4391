package io.feedbackpulse.inference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedbackpulse.onnx.ActivationCalibration;
import io.feedbackpulse.onnx.ActivationRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs calibration texts through a model's fp32 graph, windowed and batched as the model scores them, for an
 * {@link ActivationCalibration} to measure the activation ranges int8 quantization needs.
 */
public final class ActivationProbe {
  private ActivationProbe() {}

  /**
   * @param model the model in fp32 (loaded with quantization off)
   * @param progress told how many texts are done after each model call
   */
  public static ActivationRanges measure(SentimentModel model, List<String> texts, InferenceOptions options,
      ObjectNode calibration, IntConsumer progress) {
    ActivationCalibration measured = new ActivationCalibration(model.fp32Graph());
    try (OnnxGraph probe = OnnxGraph.load(measured.probeGraph(), options.withoutQuantization(), model.padTokenId())) {
      List<long[]> batch = new ArrayList<>();
      int done = 0;
      for (String text : texts) {
        batch.addAll(model.windowRows(text));
        done++;
        if (batch.size() >= options.maxBatchRows() || done == texts.size()) {
          probe.runAll(batch, measured.activations())
              .forEach((name, out) -> measured.observe(name, out.values(), out.shape(), batch));
          batch.clear();
          progress.accept(done);
        }
      }
    }
    return measured.ranges(calibration);
  }
}
