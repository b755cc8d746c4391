package io.feedbackpulse.bench;

import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.training.ClassificationReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Two models on the same texts in one process: throughput of each and macro-F1 on the texts' labels.
 * The runs alternate in rounds, so a noisy neighbour on a shared machine slows both alike rather than
 * whichever ran while it was busy.
 */
public final class SideBySideBench {
  /** One model's figures: texts scored per second over all rounds, and its macro-F1 on the sample. */
  public record Figures(String modelId, String version, double recordsPerSecond, double macroF1) {}

  /** The model under test, the reference, and how much faster the first is. */
  public record Result(Figures model, Figures reference, int records, int rounds) {
    public double speedup() {
      return model.recordsPerSecond() / reference.recordsPerSecond();
    }
  }

  private final int batchSize;

  public SideBySideBench(int batchSize) {
    this.batchSize = batchSize;
  }

  public Result run(SentimentModel model, SentimentModel reference, List<String> texts, List<Sentiment> truth,
      int rounds) {
    score(model, texts.subList(0, Math.min(32, texts.size())));
    score(reference, texts.subList(0, Math.min(32, texts.size())));
    double modelSeconds = 0;
    double referenceSeconds = 0;
    List<Prediction> modelPredictions = null;
    List<Prediction> referencePredictions = null;
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      modelPredictions = score(model, texts);
      modelSeconds += (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      referencePredictions = score(reference, texts);
      referenceSeconds += (System.nanoTime() - start) / 1e9;
    }
    int scored = texts.size() * rounds;
    return new Result(figures(model, scored / modelSeconds, truth, modelPredictions),
        figures(reference, scored / referenceSeconds, truth, referencePredictions), texts.size(), rounds);
  }

  private static Figures figures(SentimentModel m, double perSecond, List<Sentiment> truth, List<Prediction> p) {
    return new Figures(m.lineage().id(), m.lineage().version(), perSecond,
        ClassificationReport.of(truth, p.stream().map(Prediction::label).toList()).macroF1());
  }

  private List<Prediction> score(SentimentModel model, List<String> texts) {
    List<Prediction> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += batchSize) {
      out.addAll(model.predict(texts.subList(from, Math.min(texts.size(), from + batchSize))));
    }
    return out;
  }
}
