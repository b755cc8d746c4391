package io.feedbackpulse.reasons;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The taxonomy's embeddings, computed once: each reason's description and examples, its anchors. A text's score
 * for a reason is the mean cosine of its {@value #NEAREST} nearest anchors: the description alone for a reason
 * without examples (zero-shot), and as examples come, the examples most like the text. On banking77 this ranked
 * better than the nearest anchor alone or the anchors' centroid, with 10 examples per reason and with all
 * (README, "Complaint reasons"); descriptions embed plain, as bge's query instruction did not help.
 */
public final class ReasonIndex {
  static final int NEAREST = 3;

  private final List<String> names;
  /** Per reason: its description's embedding first, then its examples'. */
  private final List<float[][]> anchors;

  private ReasonIndex(List<String> names, List<float[][]> anchors) {
    this.names = List.copyOf(names);
    this.anchors = List.copyOf(anchors);
  }

  /** Embeds the descriptions and examples in one pass. */
  public static ReasonIndex of(ReasonTaxonomy taxonomy, SentenceEmbedder embedder) {
    return of(taxonomy, embedder::embed);
  }

  /** Embeds them through a cache on disk. */
  public static ReasonIndex of(ReasonTaxonomy taxonomy, SentenceEmbedder embedder, EmbeddingCache cache) {
    return of(taxonomy, texts -> cache.embed(embedder, texts));
  }

  private static ReasonIndex of(ReasonTaxonomy taxonomy, Function<List<String>, List<float[]>> embed) {
    List<String> texts = new ArrayList<>();
    for (Reason r : taxonomy.reasons()) {
      texts.add(r.description());
      texts.addAll(r.examples());
    }
    List<float[]> embedded = embed.apply(texts);
    List<float[][]> anchors = new ArrayList<>();
    int at = 0;
    for (Reason r : taxonomy.reasons()) {
      int n = 1 + r.examples().size();
      anchors.add(embedded.subList(at, at + n).toArray(float[][]::new));
      at += n;
    }
    return new ReasonIndex(taxonomy.names(), anchors);
  }

  public List<String> names() {
    return names;
  }

  /** Each reason's score for one embedded text, in the taxonomy's order. */
  public double[] scores(float[] text) {
    return scores(text, null);
  }

  /**
   * The same, with more anchors per reason: the examples learned from labels ({@link LearnedReasons}), in the
   * taxonomy's order; null for none.
   */
  double[] scores(float[] text, List<float[][]> learned) {
    double[] out = new double[names.size()];
    for (int r = 0; r < out.length; r++) {
      float[][] reason = anchors.get(r);
      float[][] more = learned == null ? new float[0][] : learned.get(r);
      double[] cosines = new double[reason.length + more.length];
      for (int a = 0; a < reason.length; a++) {
        cosines[a] = SentenceEmbedder.dot(text, reason[a]);
      }
      for (int a = 0; a < more.length; a++) {
        cosines[reason.length + a] = SentenceEmbedder.dot(text, more[a]);
      }
      Arrays.sort(cosines);
      int k = Math.min(NEAREST, cosines.length);
      double sum = 0;
      for (int i = cosines.length - k; i < cosines.length; i++) {
        sum += cosines[i];
      }
      out[r] = sum / k;
    }
    return out;
  }
}
