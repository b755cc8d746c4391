package io.feedbackpulse.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Token rows in, a graph's float outputs out: the rows become one batch padded to the longest row, with the
 * inputs the graph declares ({@code input_ids}, {@code attention_mask}, zero {@code token_type_ids}). The tensors
 * live in the call's own manager, so the predictor frees them when the call ends.
 */
final class TokenRowsTranslator implements NoBatchifyTranslator<TokenRowsTranslator.Call, Map<String, OnnxGraph.Output>> {
  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final String CALL = "call";

  /**
   * @param wanted the outputs to return, in the graph's order: all when null, the first only when empty
   */
  record Call(List<long[]> rows, Set<String> wanted) {}

  private final List<String> inputs;
  private final long padTokenId;

  TokenRowsTranslator(List<String> inputs, long padTokenId) {
    this.inputs = inputs;
    this.padTokenId = padTokenId;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Call call) {
    List<long[]> rows = call.rows();
    int batch = rows.size();
    int length = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    long[] ids = new long[batch * length];
    long[] mask = new long[batch * length];
    for (int b = 0; b < batch; b++) {
      long[] row = rows.get(b);
      for (int t = 0; t < length; t++) {
        boolean real = t < row.length;
        ids[b * length + t] = real ? row[t] : padTokenId;
        mask[b * length + t] = real ? 1 : 0;
      }
    }
    Shape shape = new Shape(batch, length);
    NDManager manager = ctx.getNDManager();
    NDList feed = new NDList();
    for (String name : inputs) {
      NDArray array = switch (name) {
        case INPUT_IDS -> manager.create(ids, shape);
        case ATTENTION_MASK -> manager.create(mask, shape);
        default -> manager.zeros(shape, DataType.INT64);
      };
      array.setName(name);
      feed.add(array);
    }
    ctx.setAttachment(CALL, call);
    return feed;
  }

  @Override
  public Map<String, OnnxGraph.Output> processOutput(TranslatorContext ctx, NDList out) {
    Set<String> wanted = ((Call) ctx.getAttachment(CALL)).wanted();
    Map<String, OnnxGraph.Output> results = new LinkedHashMap<>();
    for (NDArray array : out) {
      if (wanted == null || wanted.contains(array.getName()) || (wanted.isEmpty() && results.isEmpty())) {
        results.put(array.getName(), new OnnxGraph.Output(array.toType(DataType.FLOAT32, false).toFloatArray(),
            array.getShape().getShape()));
      }
    }
    return results;
  }
}
