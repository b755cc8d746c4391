package io.feedbackpulse.inference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * An encoder graph and its tokenizer giving pooled features of each text's first window: the
 * input a {@link ClassificationHead} is trained on and applied to.
 */
public final class FeatureEncoder implements AutoCloseable {
  private final TextTokenizer tokenizer;
  private final OnnxGraph graph;
  private final WindowClassifier encoder;
  private final TextWindows windows;
  private final int maxBatchRows;

  public FeatureEncoder(ModelSource source, String modelFile, String tokenizerFile, int maxLength,
      InferenceOptions options) {
    try {
      this.tokenizer = TextTokenizer.load(source.open(tokenizerFile));
    } catch (IOException e) {
      throw new ModelLoadException("cannot read tokenizer " + tokenizerFile + ": " + e.getMessage(), e);
    }
    this.graph = OnnxGraph.load(source.file(modelFile), options, 0);
    this.encoder = WindowClassifier.ofEncoderAndHead(graph, null);
    this.windows = new TextWindows(maxLength, new LongTextPolicy(false, 0));
    this.maxBatchRows = options.maxBatchRows();
  }

  public List<float[]> features(List<String> texts, Pooling pooling) {
    List<long[]> rows = firstWindows(texts);
    List<float[]> out = new ArrayList<>(rows.size());
    for (int from = 0; from < rows.size(); from += maxBatchRows) {
      // a caller that gave up (a cancelled or timed-out training) interrupts: stop at the next model call
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("interrupted after encoding " + from + " of " + rows.size() + " texts");
      }
      out.addAll(encoder.features(rows.subList(from, Math.min(rows.size(), from + maxBatchRows)), pooling));
    }
    return out;
  }

  /** Each text's token ids as the model sees them: special tokens included, cut to the window. */
  public List<long[]> firstWindows(List<String> texts) {
    return tokenizer.encode(texts).stream().map(t -> windows.of(t).get(0).ids()).toList();
  }

  /** Whether the text fits one window whole. */
  public boolean fitsOneWindow(String text) {
    TokenizedText tokens = tokenizer.encode(text);
    return tokens.body().length + tokens.specialTokenCount() <= windows.maxLength();
  }

  @Override
  public void close() {
    graph.close();
    tokenizer.close();
  }
}
