package io.feedbackpulse.inference;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;

/**
 * ONNX Runtime session settings and the batching of model calls.
 *
 * @param intraOpThreads threads one model call may use
 * @param optimizationLevel ONNX Runtime graph optimization: NO_OPT, BASIC_OPT, EXTENDED_OPT, ALL_OPT
 * @param maxBatchRows most windows in one model call
 * @param maxLength the window in tokens; 0 takes the model's own
 * @param quantize run the quantized graph when the model's config.json asks for one; false runs its fp32 graph
 */
public record InferenceOptions(int intraOpThreads, String optimizationLevel, int maxBatchRows, int maxLength,
    LongTextPolicy longText, boolean quantize) {

  public static final InferenceOptions DEFAULT =
      new InferenceOptions(2, "ALL_OPT", 32, 0, LongTextPolicy.DEFAULT, true);

  public InferenceOptions(int intraOpThreads, String optimizationLevel, int maxBatchRows, int maxLength,
      LongTextPolicy longText) {
    this(intraOpThreads, optimizationLevel, maxBatchRows, maxLength, longText, true);
  }

  /**
   * How the settings say models run, whoever names them (model.dir or the registry): threads, optimization,
   * batching, windows and quantization.
   */
  public static InferenceOptions from(Settings s) {
    LongTextPolicy longText = new LongTextPolicy(!"truncate".equals(s.string("model.long-text")),
        s.integer("model.chunk-overlap"), s.integer("model.max-windows"));
    return new InferenceOptions(s.integer("model.intra-op-threads"),
        s.string("model.optimization-level"), s.integer("model.batch-size"), s.integer("model.max-length"), longText,
        quantize(s));
  }

  private static boolean quantize(Settings s) {
    String choice = s.string("model.quantization");
    if (!choice.equals("model") && !choice.equals("none")) {
      throw new SettingsException("model.quantization must be model or none, got '" + choice + "'");
    }
    return choice.equals("model");
  }

  /** The same options with this many threads for one model call. */
  public InferenceOptions withIntraOpThreads(int threads) {
    return new InferenceOptions(threads, optimizationLevel, maxBatchRows, maxLength, longText, quantize);
  }

  public InferenceOptions withMaxBatchRows(int rows) {
    return new InferenceOptions(intraOpThreads, optimizationLevel, rows, maxLength, longText, quantize);
  }

  public InferenceOptions withLongText(LongTextPolicy policy) {
    return new InferenceOptions(intraOpThreads, optimizationLevel, maxBatchRows, maxLength, policy, quantize);
  }

  /** The same options running the model's fp32 graph even where its config.json asks for quantization. */
  public InferenceOptions withoutQuantization() {
    return new InferenceOptions(intraOpThreads, optimizationLevel, maxBatchRows, maxLength, longText, false);
  }
}
