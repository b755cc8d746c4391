package io.feedbackpulse.reasons;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gives texts their reasons: each reason's score is the best cosine of the text (or its most negative sentence)
 * with the reason's description or examples ({@link ReasonIndex}); the {@code top} best reasons at or above
 * {@code minScore} are given, best first, else {@link ReasonTaxonomy#OTHER}. Scores are rounded to 4 decimals and
 * ties go to the reason listed first, so the same text gets the same reasons.
 */
public final class ReasonScorer implements AutoCloseable {
  private final SentenceEmbedder embedder;
  private final ReasonIndex index;
  private final int top;
  private final double minScore;
  private final LearnedReasons learned;

  public ReasonScorer(SentenceEmbedder embedder, ReasonIndex index, int top, double minScore) {
    this(embedder, index, top, minScore, null);
  }

  private ReasonScorer(SentenceEmbedder embedder, ReasonIndex index, int top, double minScore,
      LearnedReasons learned) {
    this.embedder = embedder;
    this.index = index;
    this.top = top;
    this.minScore = minScore;
    this.learned = learned;
  }

  /**
   * An empty set of examples to learn from labels, for this scorer's taxonomy and embedded by its encoder, at most
   * {@code perReason} per reason.
   */
  public LearnedReasons newLearnedReasons(int perReason) {
    return new LearnedReasons(index.names(), perReason, embedder::embed);
  }

  /**
   * This scorer, with the examples {@code learned} has learned so far added to the taxonomy's, at each call:
   * the encoder and the taxonomy's embeddings are shared, and closing either closes the encoder.
   */
  public ReasonScorer learning(LearnedReasons learned) {
    return new ReasonScorer(embedder, index, top, minScore, learned);
  }

  /** Embeds the taxonomy once; the scorer owns the embedder from then on. */
  public static ReasonScorer of(ReasonTaxonomy taxonomy, SentenceEmbedder embedder, ReasonOptions options) {
    return new ReasonScorer(embedder, ReasonIndex.of(taxonomy, embedder), options.top(), options.minScore());
  }

  /** The same, the taxonomy's embeddings read from (or kept in) a cache on disk. */
  public static ReasonScorer of(ReasonTaxonomy taxonomy, SentenceEmbedder embedder, ReasonOptions options,
      EmbeddingCache cache) {
    return new ReasonScorer(embedder, ReasonIndex.of(taxonomy, embedder, cache), options.top(), options.minScore());
  }

  /** The reasons of each query, in order; one batch of embeddings for all their texts and sentences. */
  public List<List<ReasonScore>> reasons(List<ReasonQuery> queries) {
    List<String> texts = new ArrayList<>();
    for (ReasonQuery q : queries) {
      texts.add(q.text());
      q.distinctSentence().ifPresent(texts::add);
    }
    List<float[]> embedded = texts.isEmpty() ? List.of() : embedder.embed(texts);
    List<float[][]> examples = learned == null ? null : learned.anchors();
    List<List<ReasonScore>> out = new ArrayList<>(queries.size());
    int at = 0;
    for (ReasonQuery q : queries) {
      double[] scores = index.scores(embedded.get(at++), examples);
      if (q.distinctSentence().isPresent()) {
        double[] sentence = index.scores(embedded.get(at++), examples);
        for (int r = 0; r < scores.length; r++) {
          scores[r] = Math.max(scores[r], sentence[r]);
        }
      }
      out.add(chosen(scores));
    }
    return out;
  }

  public List<ReasonScore> reasons(ReasonQuery query) {
    return reasons(List.of(query)).get(0);
  }

  /** Model tokens scoring the queries costs: the unit of {@code batch.max-tokens}. */
  public int tokens(List<ReasonQuery> queries) {
    List<String> texts = new ArrayList<>();
    for (ReasonQuery q : queries) {
      texts.add(q.text());
      q.distinctSentence().ifPresent(texts::add);
    }
    return texts.isEmpty() ? 0 : embedder.tokens(texts);
  }

  /** Every reason's score for the text, in the taxonomy's order: what evaluation ranks. */
  public List<double[]> scores(List<String> texts) {
    return embedder.embed(texts).stream().map(index::scores).toList();
  }

  public List<String> names() {
    return index.names();
  }

  /** The reasons given for these scores (in the taxonomy's order). */
  List<ReasonScore> chosen(double[] scores) {
    List<ReasonScore> all = new ArrayList<>();
    for (int r = 0; r < scores.length; r++) {
      all.add(new ReasonScore(index.names().get(r), Math.round(scores[r] * 1e4) / 1e4));
    }
    // stable sort: equal scores keep the taxonomy's order
    List<ReasonScore> kept = all.stream().sorted(Comparator.comparingDouble(ReasonScore::score).reversed())
        .filter(s -> s.score() >= minScore).limit(top).toList();
    return kept.isEmpty() ? List.of(new ReasonScore(ReasonTaxonomy.OTHER, best(all).score())) : kept;
  }

  private static ReasonScore best(List<ReasonScore> all) {
    return all.stream().max(Comparator.comparingDouble(ReasonScore::score)).orElseThrow();
  }

  @Override
  public void close() {
    embedder.close();
  }
}
