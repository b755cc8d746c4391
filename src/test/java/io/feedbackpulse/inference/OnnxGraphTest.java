package io.feedbackpulse.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.testing.ModelVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** DJL predictors of the tiny RoBERTa graph: reused across calls, one per call running at once, same results. */
class OnnxGraphTest {
  private static final long PAD = 1;
  private static final List<List<long[]>> BATCHES = List.of(
      List.of(new long[] {0, 31, 47, 2}),
      List.of(new long[] {0, 31, 47, 2}, new long[] {0, 100, 12, 19, 88, 2}),
      List.of(new long[] {0, 5, 6, 7, 8, 9, 10, 2}, new long[] {0, 2}));

  private static OnnxGraph load() {
    return OnnxGraph.load(ModelVersions.TINY_ROBERTA.resolve("model.onnx"), InferenceOptions.DEFAULT, PAD);
  }

  @Test
  void callsOnOneThreadReuseOnePredictor() {
    try (OnnxGraph graph = load()) {
      List<float[]> first = new ArrayList<>();
      for (List<long[]> rows : BATCHES) {
        first.add(graph.run(rows, "logits").values());
      }
      for (int round = 0; round < 3; round++) {
        for (int b = 0; b < BATCHES.size(); b++) {
          assertThat(graph.run(BATCHES.get(b), "logits").values()).containsExactly(first.get(b));
        }
      }
      assertThat(graph.predictorsCreated()).isEqualTo(1);
    }
  }

  @Test
  void callsAtOnceEachGetAPredictorOfTheirOwnAndTheSameLogits() throws Exception {
    int threads = 4;
    try (OnnxGraph graph = load()) {
      List<float[]> expected = new ArrayList<>();
      for (List<long[]> rows : BATCHES) {
        expected.add(graph.run(rows, "logits").values());
      }
      CyclicBarrier together = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<List<float[]>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          results.add(pool.submit(() -> {
            List<float[]> got = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
              together.await(10, TimeUnit.SECONDS);
              for (List<long[]> rows : BATCHES) {
                got.add(graph.run(rows, "logits").values());
              }
            }
            return got;
          }));
        }
        for (Future<List<float[]>> result : results) {
          List<float[]> got = result.get(60, TimeUnit.SECONDS);
          for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i)).containsExactly(expected.get(i % BATCHES.size()));
          }
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(graph.predictorsCreated()).isBetween(1, threads);
    }
  }
}
