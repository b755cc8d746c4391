package io.feedbackpulse.bench;

import io.feedbackpulse.explain.ExplainOptions;
import io.feedbackpulse.explain.Explainer;
import io.feedbackpulse.explain.TextExplanation;
import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.reasons.ReasonQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What explaining alerts adds to the model's work: texts scored in batches of the pipeline's size, and the
 * batch's alerts (negative at or above the alert threshold) explained in one more call within what scoring left of
 * {@code batch.max-tokens}, as the batch step does.
 */
public final class ExplanationBench {

  /**
   * @param alerts texts that alerted; {@code explained} of them got an explanation within the budget
   * @param scoreSeconds the scoring calls; {@code explainSeconds} the explaining calls
   * @param meanTokens model tokens per explanation
   * @param alertQueries each batch's alerts as the reason step gets them: the text and its explanation's top sentence
   */
  public record Result(int texts, int alerts, int explained, double scoreSeconds, double explainSeconds,
      double meanTokens, List<List<ReasonQuery>> alertQueries) {
    /** Explaining's time over scoring's, on this mix of texts. */
    public double overhead() {
      return explainSeconds / scoreSeconds;
    }
  }

  private final SentimentModel model;
  private final int batchSize;
  private final double alertThreshold;
  private final Explainer explainer;
  private final int batchMaxTokens;

  public ExplanationBench(SentimentModel model, int batchSize, int batchMaxTokens, double alertThreshold,
      ExplainOptions options) {
    this.model = model;
    this.batchMaxTokens = batchMaxTokens;
    this.batchSize = batchSize;
    this.alertThreshold = alertThreshold;
    this.explainer = new Explainer(model, options);
  }

  public Result run(List<String> texts) {
    // JIT and ONNX warm-up
    run(texts.subList(0, Math.min(batchSize, texts.size())), new long[2], new int[3], new ArrayList<>());
    long[] nanos = new long[2];
    int[] counts = new int[3];
    List<List<ReasonQuery>> alertQueries = new ArrayList<>();
    run(texts, nanos, counts, alertQueries);
    return new Result(texts.size(), counts[0], counts[1], nanos[0] / 1e9, nanos[1] / 1e9,
        counts[1] == 0 ? 0 : (double) counts[2] / counts[1], alertQueries);
  }

  private void run(List<String> texts, long[] nanos, int[] counts, List<List<ReasonQuery>> alertQueries) {
    for (int from = 0; from < texts.size(); from += batchSize) {
      List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
      long start = System.nanoTime();
      List<Prediction> predictions = model.predict(batch);
      long scored = System.nanoTime();
      List<String> alerts = new ArrayList<>();
      List<Double> negative = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        Prediction p = predictions.get(i);
        if (p.label() == Sentiment.NEGATIVE && p.probability(Sentiment.NEGATIVE) >= alertThreshold) {
          alerts.add(batch.get(i));
          negative.add(p.probability(Sentiment.NEGATIVE));
        }
      }
      List<Optional<TextExplanation>> explained = alerts.isEmpty() ? List.of()
          : explainer.explain(alerts, negative, batchMaxTokens - batch.stream().mapToInt(model::cost).sum());
      long done = System.nanoTime();
      nanos[0] += scored - start;
      nanos[1] += done - scored;
      counts[0] += alerts.size();
      List<ReasonQuery> queries = new ArrayList<>();
      for (int i = 0; i < explained.size(); i++) {
        Optional<TextExplanation> e = explained.get(i);
        if (e.isPresent()) {
          counts[1]++;
          counts[2] += e.get().modelTokens();
        }
        queries.add(new ReasonQuery(alerts.get(i), e.flatMap(ExplanationBench::topSentence)));
      }
      if (!queries.isEmpty()) {
        alertQueries.add(queries);
      }
    }
  }

  /** The explanation's most negative sentence, as the reason step takes it. */
  private static Optional<String> topSentence(TextExplanation e) {
    return e.rankedSentences().stream().findFirst().map(TextExplanation.Sentence::text);
  }
}
