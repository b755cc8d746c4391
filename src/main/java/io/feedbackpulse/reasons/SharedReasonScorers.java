package io.feedbackpulse.reasons;

import io.feedbackpulse.inference.InferenceOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One reason scorer per taxonomy and options in the process, made at the first pipeline that asks and kept until the
 * JVM exits: the encoder is a read-only resource of the jar that every topology built in the process (a restart
 * after a swap, the tests' many) can share, so nothing has to own and close it, and the taxonomy is embedded once.
 */
public final class SharedReasonScorers {
  /** Texts in one encoder call: an alert's text and its top sentence, a batch's few alerts. */
  private static final int BATCH_ROWS = 16;
  private static final Map<Key, ReasonScorer> SCORERS = new ConcurrentHashMap<>();

  private record Key(ReasonTaxonomy taxonomy, int top, double minScore, int threads) {}

  private SharedReasonScorers() {}

  /** @param inference the model's threads and optimization, which the encoder runs with too */
  public static ReasonScorer of(ReasonTaxonomy taxonomy, ReasonOptions options, InferenceOptions inference) {
    return SCORERS.computeIfAbsent(new Key(taxonomy, options.top(), options.minScore(), inference.intraOpThreads()),
        k -> ReasonScorer.of(taxonomy, SentenceEmbedder.bge(inference.withMaxBatchRows(BATCH_ROWS)), options));
  }
}
