package io.feedbackpulse.inference;

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
