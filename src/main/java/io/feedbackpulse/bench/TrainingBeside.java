package io.feedbackpulse.bench;

import io.feedbackpulse.pipeline.CandidateTraining;
import io.feedbackpulse.pipeline.PipelineOptions;
import io.feedbackpulse.training.BackgroundPriority;
import io.feedbackpulse.training.DefaultModelTrainer;
import io.feedbackpulse.training.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's train step ({@link CandidateTraining}, a frozen-encoder head from scratch), over and over on a
 * thread of this process at {@code pipeline.nice} with {@code pipeline.train.threads}, as a pipeline watch inside
 * a serving instance runs it, while the bench measures scoring latency beside it. Each round starts with an empty
 * feature cache, so the encoder's feature pass, most of a run's CPU, goes on throughout.
 */
public final class TrainingBeside implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingBeside.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private final Thread thread;
  private final StringWriter progress;
  private final AtomicInteger rounds = new AtomicInteger();
  private final AtomicReference<OptionalInt> nice = new AtomicReference<>(OptionalInt.empty());
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  /** What the trainer did while it ran: its thread's nice value, rounds finished, its last progress line. */
  public record Result(OptionalInt nice, int roundsFinished, String lastProgress) {}

  private TrainingBeside(PipelineOptions options, List<Path> data, Path work) {
    this.progress = new StringWriter();
    CandidateTraining step = new CandidateTraining(options.trainEpochs(), options.trainBudget(),
        options.trainThreads(), options.nice(), options.replay());
    this.thread = new Thread(() -> {
      BackgroundPriority.lowerCurrentThread(options.nice());
      nice.set(BackgroundPriority.niceOfCurrentThread());
      Progress lines = Progress.every(Duration.ofSeconds(1), new PrintWriter(progress, true), false);
      try (PrintStream report = new PrintStream(OutputStream.nullOutputStream())) {
        while (!Thread.currentThread().isInterrupted()) {
          Path round = work.resolve("round-" + rounds.get());
          new DefaultModelTrainer(step.fromScratch(data, round.resolve("model"), round.resolve("report"),
              round.resolve("feature-cache")), report, lines).run();
          rounds.incrementAndGet();
        }
      } catch (IOException | RuntimeException e) {
        if (!Thread.currentThread().isInterrupted()) {
          failure.set(e);
        }
      }
    }, "bench-training");
    thread.setDaemon(true);
  }

  /** Starts training on {@code data}, its rounds' files under {@code work}. */
  public static TrainingBeside start(PipelineOptions options, List<Path> data, Path work) throws IOException {
    Files.createDirectories(work);
    TrainingBeside training = new TrainingBeside(options, data, work);
    training.thread.start();
    return training;
  }

  /** Stops the trainer and says what it did; a trainer that failed fails the bench. */
  public Result stop() {
    close();
    if (failure.get() != null) {
      throw new IllegalStateException("the training beside the bench failed: " + failure.get(), failure.get());
    }
    List<String> lines = progress.toString().lines().filter(l -> !l.isBlank()).toList();
    return new Result(nice.get(), rounds.get(), lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip());
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("bench: the training beside it did not stop within {}", STOP_WAIT);
    }
  }
}
