package io.feedbackpulse.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.feedbackpulse.testing.ModelVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The intra-op threads of the options reach ONNX Runtime: its session starts a pool of that many threads less the
 * caller's, which the process's task list (Linux) shows beside the JVM's own threads.
 */
class OnnxGraphThreadsTest {
  private static final Path TASKS = Path.of("/proc/self/task");

  @Test
  void aSessionStartsThePoolItsIntraOpThreadsAskFor() throws IOException {
    assumeTrue(Files.isDirectory(TASKS), "needs Linux's /proc");
    try (OnnxGraph warm = load(1)) {
      // the first load starts the library's own threads, once per process
    }
    long before = tasks();
    long withOne;
    try (OnnxGraph one = load(1)) {
      withOne = tasks() - before;
    }
    long withFour;
    try (OnnxGraph four = load(4)) {
      withFour = tasks() - before;
    }
    assertThat(withOne).isZero();
    assertThat(withFour).isEqualTo(3);
  }

  private static OnnxGraph load(int threads) {
    return OnnxGraph.load(ModelVersions.TINY_ROBERTA.resolve("model.onnx"),
        InferenceOptions.DEFAULT.withIntraOpThreads(threads), 1);
  }

  private static long tasks() throws IOException {
    try (Stream<Path> tasks = Files.list(TASKS)) {
      return tasks.count();
    }
  }
}
