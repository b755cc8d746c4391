package io.feedbackpulse.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.inference.ClassificationHead;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Pooling;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.training.BackgroundPriority;
import io.feedbackpulse.training.DefaultModelTrainer;
import io.feedbackpulse.training.Evaluation;
import io.feedbackpulse.training.HeadTrainer;
import io.feedbackpulse.training.LabeledCsv;
import io.feedbackpulse.training.LabeledExample;
import io.feedbackpulse.training.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The train step: the frozen-encoder head of {@code train --encoder frozen} ({@link DefaultModelTrainer}) on the
 * snapshot, within {@code pipeline.train.max-duration}, starting from the champion's head where that head reads the
 * same features ({@link WarmStart}), else from random weights. As {@code train} does, its baseline.json gets
 * its macro-F1 on the held-out split; its config.json then records the run's lineage in its training record, which
 * {@code models register} reads into the manifest.
 */
public final class CandidateTraining {
  static final String POOLING = "cls+mean";
  static final long SEED = 20261129L;
  static final double TEST_FRACTION = 0.15;
  static final double VALIDATION_FRACTION = 0.1;
  static final int BATCH = 64;
  static final double LEARNING_RATE = 5e-4;
  static final double WEIGHT_DECAY = 0.003;
  static final long CANCEL_POLL_MS = 200;
  /** How long a stopped training may take to end: a model call or a model load under way. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(CandidateTraining.class);

  private final int epochs;
  private final Duration budget;
  private final InferenceOptions inference;
  private final int nice;
  private final ReplaySample.Options replay;

  /**
   * @param epochs {@code pipeline.train.epochs}: the most epochs; the best on the validation split is kept
   * @param budget {@code pipeline.train.max-duration}
   * @param threads {@code pipeline.train.threads}: ONNX Runtime's intra-op threads wherever the step runs a model
   *     (the encoder's feature pass, calibration, quantization, the held-out figure); the head itself trains on
   *     the step's one thread
   * @param nice {@code pipeline.nice}: the training thread's nice value, which the threads it starts inherit
   *     ({@link BackgroundPriority}); 0 keeps the caller's
   * @param replay where the champion's training data is found, and how much of it is trained on again
   */
  public CandidateTraining(int epochs, Duration budget, int threads, int nice, ReplaySample.Options replay) {
    this.epochs = epochs;
    this.budget = budget;
    this.inference = InferenceOptions.DEFAULT.withIntraOpThreads(threads);
    this.nice = nice;
    this.replay = replay;
  }

  /** A trained candidate: its directory, the held-out test split training never saw, and how it was trained. */
  public record Candidate(Path modelDir, Path heldOut, Map<String, String> hyperparameters) {}

  /** What the candidate comes from, recorded in its config.json. */
  public record Lineage(String runId, String parentVersion, Snapshot snapshot, String codeVersion) {}

  /**
   * @param workDir the run's own files: the trainer's report (train.log) and the held-out split
   * @param featureCache the encoder's features by text, kept across runs: most of a snapshot was in the last one
   * @param cancelled asked every {@value #CANCEL_POLL_MS} ms while training runs: true interrupts it (the head
   *     stops at its next epoch) and throws {@link CancellationException}
   * @throws TimeoutException when training takes longer than the budget (it is interrupted)
   */
  public Candidate train(Snapshot data, Path modelDir, Path workDir, Path featureCache, String version,
      Lineage lineage, Optional<ModelManifest> champion, BooleanSupplier cancelled)
      throws IOException, TimeoutException, InterruptedException {
    Path reportDir = workDir.resolve("report");
    WarmStart start = WarmStart.from(champion, Pooling.parse(POOLING), new HeadTrainer(head()));
    ReplaySample replayed = ReplaySample.draw(champion, replay, workDir.resolve(ReplaySample.FILE), SEED);
    DefaultModelTrainer.TrainingOptions options = options(data, replayed, modelDir, reportDir, featureCache, version,
        start);
    // The trainer's step-by-step report goes to a file beside the model, not into the command's output.
    Files.createDirectories(workDir);
    Path heldOutFile = workDir.resolve("held-out.csv");
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "pipeline-train");
      t.setDaemon(true);
      return t;
    });
    try (OutputStream log = Files.newOutputStream(workDir.resolve("train.log"));
        PrintStream report = new PrintStream(log, true)) {
      Future<?> training = thread.submit(() -> {
        report.println(BackgroundPriority.lowerCurrentThread(nice)
            ? "priority: nice " + nice + " (pipeline.nice), training takes the CPU that scoring leaves"
            : "priority: the process's own (pipeline.nice " + nice + ")");
        List<LabeledExample> test = new DefaultModelTrainer(options, report, Progress.NONE).run();
        // the champion learned the replayed rows: held out, they would measure its memory against the candidate
        List<LabeledExample> heldOut = withoutReplayed(test, replayed);
        DefaultModelTrainer.writeCsv(heldOutFile, heldOut);
        // as train does: live quality holds the model's windows against its held-out figure
        try (SentimentModel model = SentimentModel.load(ModelSource.of(modelDir.toString()), inference)) {
          DefaultModelTrainer.recordTestMacroF1(modelDir,
              new Evaluation(model).evaluate(heldOut).classification().macroF1());
        }
        return null;
      });
      try {
        awaitUnlessCancelled(training, cancelled);
      } catch (TimeoutException e) {
        training.cancel(true);
        throw new TimeoutException("training took longer than pipeline.train.max-duration " + budget);
      } catch (CancellationException e) {
        training.cancel(true);
        throw e;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw io;
        }
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException(cause);
      }
    } finally {
      stop(thread);
    }
    Map<String, String> hyperparameters = new LinkedHashMap<>();
    hyperparameters.put("method", "frozen encoder + head");
    hyperparameters.put("pooling", POOLING);
    hyperparameters.put("epochs", Integer.toString(epochs));
    hyperparameters.put("batch", Integer.toString(BATCH));
    hyperparameters.put("learning_rate", Double.toString(LEARNING_RATE));
    hyperparameters.put("weight_decay", Double.toString(WEIGHT_DECAY));
    hyperparameters.put("seed", Long.toString(SEED));
    hyperparameters.put("threads", Integer.toString(inference.intraOpThreads()));
    hyperparameters.put("warm_start", start.note());
    hyperparameters.put("replay", replayed.note());
    if (replayed.file().isPresent()) {
      hyperparameters.put("replay_rows", Integer.toString(replayed.rows()));
      hyperparameters.put("replay_sha256", replayed.hash());
    }
    recordLineage(modelDir, lineage, start, replayed);
    return new Candidate(modelDir, heldOutFile, hyperparameters);
  }

  private static List<LabeledExample> withoutReplayed(List<LabeledExample> test, ReplaySample replayed)
      throws IOException {
    if (replayed.file().isEmpty()) {
      return test;
    }
    Set<String> texts = new HashSet<>();
    LabeledCsv.read(replayed.file().get()).forEach(e -> texts.add(e.text()));
    return test.stream().filter(e -> !texts.contains(e.text())).toList();
  }

  /** What the trainer is given: the snapshot, the frozen-encoder head's settings and start, the step's threads. */
  DefaultModelTrainer.TrainingOptions options(Snapshot data, ReplaySample replayed, Path modelDir, Path reportDir,
      Path featureCache, String version, WarmStart start) {
    List<Path> files = new ArrayList<>(List.of(data.file()));
    replayed.file().ifPresent(files::add);
    return options(files, modelDir, reportDir, featureCache, version, start.head());
  }

  /**
   * What the trainer is given for a run on {@code files} with no champion to start from: the step's work, for
   * {@code bench --while-training} to run beside scoring.
   */
  public DefaultModelTrainer.TrainingOptions fromScratch(List<Path> files, Path modelDir, Path reportDir,
      Path featureCache) {
    return options(files, modelDir, reportDir, featureCache, "bench", Optional.empty());
  }

  private DefaultModelTrainer.TrainingOptions options(List<Path> files, Path modelDir, Path reportDir,
      Path featureCache, String version, Optional<ClassificationHead> start) {
    return new DefaultModelTrainer.TrainingOptions(files, modelDir, reportDir, featureCache, SEED,
        TEST_FRACTION, VALIDATION_FRACTION, new DefaultModelTrainer.FrozenEncoder(Pooling.parse(POOLING), head(),
        start), version, inference);
  }

  private HeadTrainer.HeadTrainingOptions head() {
    return new HeadTrainer.HeadTrainingOptions(0, epochs, BATCH, LEARNING_RATE, WEIGHT_DECAY, 0, SEED);
  }

  /**
   * Interrupts the training thread and waits until it ends: it stops at its next epoch or model call, but a native
   * call under way (ONNX Runtime loading a model, say) cannot be interrupted, and a process that exits while one runs
   * can crash in the library's teardown (SIGSEGV in OrtSession.createSession, seen when a run lost its lease).
   */
  private static void stop(ExecutorService thread) {
    thread.shutdownNow();
    try {
      if (!thread.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("pipeline: the training thread did not stop within {} of being interrupted", STOP_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private <T> T awaitUnlessCancelled(Future<T> training, BooleanSupplier cancelled)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + budget.toNanos();
    while (true) {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("cancelled while training");
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException();
      }
      try {
        return training.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(CANCEL_POLL_MS)), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // not done yet: ask again
      }
    }
  }

  /** Adds the run's lineage to config.json's training record, where {@code ManifestDraft} reads it. */
  private static void recordLineage(Path modelDir, Lineage lineage, WarmStart start, ReplaySample replayed)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Path config = modelDir.resolve("config.json");
    ObjectNode root = (ObjectNode) mapper.readTree(config.toFile());
    ObjectNode training = (ObjectNode) root.path("feedback_pulse").path("training");
    training.put("pipeline_run", lineage.runId());
    if (lineage.parentVersion() != null) {
      training.put("parent_version", lineage.parentVersion());
    }
    training.put("data_sha256", lineage.snapshot().hash());
    training.put("data_rows", lineage.snapshot().rows());
    lineage.snapshot().labelCounts().forEach((label, n) -> training.put("data_label_" + label, n));
    training.put("code_version", lineage.codeVersion());
    training.put("warm_start", start.note());
    training.put("replay", replayed.note());
    if (replayed.file().isPresent()) {
      training.put("replay_rows", replayed.rows());
      training.put("replay_sha256", replayed.hash());
    }
    Files.write(config, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }
}
