package io.feedbackpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import io.feedbackpulse.training.DefaultModelTrainer;
import io.feedbackpulse.training.Progress;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pipeline.nice, and the train step's feature pass giving way to an interrupt (a cancelled run, a service that
 * stops its in-process watch) within one chunk of texts: at a background priority a pass of thousands of texts can
 * take many minutes.
 */
class CandidateTrainingPriorityTest {
  @TempDir
  Path dir;

  @Test
  void trainingRunsAtTheLowestPriorityByDefaultAndOnlyNiceValuesAreAccepted() {
    assertThat(PipelineOptions.from(Settings.defaults()).nice()).isEqualTo(19);
    assertThat(PipelineOptions.from(Settings.builder().set("pipeline.nice", "0").build()).nice()).isZero();
    assertThatThrownBy(() -> PipelineOptions.from(Settings.builder().set("pipeline.nice", "20").build()))
        .isInstanceOf(SettingsException.class)
        .hasMessage("pipeline.nice must be 0 (the service's own priority) to 19 (the lowest), got 20");
    assertThatThrownBy(() -> PipelineOptions.from(Settings.builder().set("pipeline.nice", "-1").build()))
        .isInstanceOf(SettingsException.class).hasMessageEndingWith("got -1");
  }

  @Test
  void anInterruptStopsTheFeaturePassAtItsNextChunk() throws Exception {
    List<String> rows = new ArrayList<>(List.of("text,label"));
    for (int i = 0; i < 400; i++) {
      rows.add("\"order " + i + " was " + (i % 3 == 0 ? "great" : i % 3 == 1 ? "late and broken" : "on time")
          + "\"," + (i % 3 == 0 ? 1 : i % 3 == 1 ? -1 : 0));
    }
    Path data = Files.write(dir.resolve("labels.csv"), rows);
    PipelineOptions options = PipelineOptions.from(Settings.defaults());
    CandidateTraining step = new CandidateTraining(options.trainEpochs(), options.trainBudget(),
        options.trainThreads(), options.nice(), options.replay());
    // the first progress line (after the first chunk) interrupts the thread, as a cancel would
    Writer interrupting = new Writer() {
      @Override
      public void write(char[] text, int off, int len) {
        Thread.currentThread().interrupt();
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread training = new Thread(() -> {
      try {
        new DefaultModelTrainer(step.fromScratch(List.of(data), dir.resolve("model"), dir.resolve("report"),
            dir.resolve("cache")), new PrintStream(PrintStream.nullOutputStream()),
            Progress.every(Duration.ZERO, new PrintWriter(interrupting), false)).run();
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    training.start();
    training.join(Duration.ofMinutes(2).toMillis());

    assertThat(training.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(CancellationException.class)
        .hasMessageStartingWith("feature pass interrupted after 64 of ");
    assertThat(dir.resolve("model").resolve("head.json")).doesNotExist();
  }
}
