package io.feedbackpulse.inference;

/**
 * ONNX Runtime session settings and the batching of model calls.
 *
 * @param intraOpThreads threads one model call may use
 * @param optimizationLevel ONNX Runtime graph optimization: NO_OPT, BASIC_OPT, EXTENDED_OPT, ALL_OPT
 * @param maxBatchRows most windows in one model call
 * @param maxLength the window in tokens; 0 takes the model's own
 */
public record InferenceOptions(int intraOpThreads, String optimizationLevel, int maxBatchRows, int maxLength,
    LongTextPolicy longText) {

  public static final InferenceOptions DEFAULT = new InferenceOptions(2, "ALL_OPT", 32, 0, LongTextPolicy.DEFAULT);

  public InferenceOptions withMaxBatchRows(int rows) {
    return new InferenceOptions(intraOpThreads, optimizationLevel, rows, maxLength, longText);
  }

  public InferenceOptions withLongText(LongTextPolicy policy) {
    return new InferenceOptions(intraOpThreads, optimizationLevel, maxBatchRows, maxLength, policy);
  }
}
