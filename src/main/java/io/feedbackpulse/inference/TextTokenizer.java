package io.feedbackpulse.inference;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The model's Hugging Face tokenizer, encoding whole texts (never truncated: windows are cut later). */
public final class TextTokenizer implements TextEncoder, AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final int prefixLength;
  private final int suffixLength;

  private TextTokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
    long[] mask = tokenizer.encode("a").getSpecialTokenMask();
    int p = 0;
    while (p < mask.length && mask[p] == 1) {
      p++;
    }
    int s = 0;
    while (s < mask.length - p && mask[mask.length - 1 - s] == 1) {
      s++;
    }
    this.prefixLength = p;
    this.suffixLength = s;
  }

  public static TextTokenizer load(InputStream tokenizerJson) throws IOException {
    Map<String, String> options = Map.of(
        "addSpecialTokens", "true",
        "truncation", "false",
        "padding", "false",
        "modelMaxLength", String.valueOf(Integer.MAX_VALUE));
    return new TextTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, options));
  }

  @Override
  public TokenizedText encode(String text) {
    return split(tokenizer.encode(text));
  }

  @Override
  public List<TokenizedText> encode(List<String> texts) {
    return Arrays.stream(tokenizer.batchEncode(texts)).map(this::split).toList();
  }

  private TokenizedText split(Encoding encoding) {
    long[] ids = encoding.getIds();
    int bodyEnd = Math.max(prefixLength, ids.length - suffixLength);
    return new TokenizedText(
        Arrays.copyOfRange(ids, 0, prefixLength),
        Arrays.copyOfRange(ids, prefixLength, bodyEnd),
        Arrays.copyOfRange(ids, bodyEnd, ids.length));
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
