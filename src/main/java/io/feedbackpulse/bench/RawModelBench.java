package io.feedbackpulse.bench;

import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.training.Progress;
import java.util.ArrayList;
import java.util.List;

/** The model alone: tokenize and run ONNX Runtime over texts in batches of the pipeline's size. */
public final class RawModelBench {

  /**
   * @param meanTokens tokens per record the model actually reads: body tokens plus two special
   *     tokens per window
   */
  public record Result(int records, double seconds, double meanTokens) {
    public double recordsPerSecond() {
      return records / seconds;
    }
  }

  private final SentimentModel model;
  private final int batchSize;

  public RawModelBench(SentimentModel model, int batchSize) {
    this.model = model;
    this.batchSize = batchSize;
  }

  public Result run(List<String> texts, int warmupRecords, Progress progress) {
    score(texts.subList(0, Math.min(warmupRecords, texts.size())), Progress.NONE.start("", 0, ""));
    long start = System.nanoTime();
    List<Prediction> predictions = score(texts, progress.start("raw model: scored", texts.size(), "texts"));
    double seconds = (System.nanoTime() - start) / 1e9;
    double tokens = predictions.stream().mapToInt(p -> p.tokenCount() + 2 * p.chunkCount()).average().orElse(0);
    return new Result(texts.size(), seconds, tokens);
  }

  private List<Prediction> score(List<String> texts, Progress.Step step) {
    List<Prediction> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += batchSize) {
      List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
      out.addAll(model.predict(batch));
      step.advance(batch.size());
    }
    return out;
  }
}
