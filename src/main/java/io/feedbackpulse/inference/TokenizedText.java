package io.feedbackpulse.inference;

/**
 * A text's token ids split into the model's leading special tokens, the body, and the trailing
 * special tokens (for example {@code [CLS]} body {@code [SEP]}, or {@code <s>} body {@code </s>}).
 */
public record TokenizedText(long[] prefix, long[] body, long[] suffix) {

  public int specialTokenCount() {
    return prefix.length + suffix.length;
  }

  /** Token ids of the window made of body tokens [from, to) wrapped in the special tokens. */
  public long[] window(int from, int to) {
    long[] ids = new long[prefix.length + (to - from) + suffix.length];
    System.arraycopy(prefix, 0, ids, 0, prefix.length);
    System.arraycopy(body, from, ids, prefix.length, to - from);
    System.arraycopy(suffix, 0, ids, prefix.length + (to - from), suffix.length);
    return ids;
  }
}
