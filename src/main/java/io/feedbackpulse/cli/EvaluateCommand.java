package io.feedbackpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.reasons.EmbeddingCache;
import io.feedbackpulse.reasons.LabeledReason;
import io.feedbackpulse.reasons.ReasonCsv;
import io.feedbackpulse.reasons.ReasonEvaluation;
import io.feedbackpulse.reasons.ReasonOptions;
import io.feedbackpulse.reasons.ReasonReport;
import io.feedbackpulse.reasons.ReasonScorer;
import io.feedbackpulse.reasons.ReasonTaxonomy;
import io.feedbackpulse.reasons.SentenceEmbedder;
import io.feedbackpulse.training.BreakdownReport;
import io.feedbackpulse.training.DefaultModelTrainer;
import io.feedbackpulse.training.Evaluation;
import io.feedbackpulse.training.LabeledCsv;
import io.feedbackpulse.training.LabeledExample;
import io.feedbackpulse.training.Splits;
import io.feedbackpulse.training.TrainingSplits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Measures a model on a labeled CSV. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Accuracy, macro-F1, per-class figures, confusion matrix, expected calibration error and "
        + "reliability table (15 equal-width bins of top probability) on a labeled CSV; with --reasons, the same "
        + "figures of complaint reasons.")
public final class EvaluateCommand implements Callable<Integer> {
  /** Texts in one encoder call: short texts sorted by length pad little, so larger batches pay. */
  private static final int REASON_BATCH = 32;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "CSV with 'Review Text','Rating' (optional 'Title') or 'text','label' (optional domain,source); "
          + "repeat for several, in train's order: the figures then come by source and by domain too")
  List<Path> data;

  @Option(names = "--balanced", description = "Evaluate on an equal-count sample of each class")
  boolean balanced;

  @Option(names = "--seed", defaultValue = "20261129", description = "Seed of the balanced sample")
  long seed;

  @Option(names = "--test-split", paramLabel = "SEED",
      description = "Evaluate on the held-out test split that 'train --seed SEED' puts aside from --data, rebuilt "
          + "without training (then --balanced samples it)")
  Long testSplitSeed;

  @Option(names = "--test-fraction", defaultValue = "0.15",
      description = "With --test-split: the share train held out (its --test-fraction); default: ${DEFAULT-VALUE}")
  double testFraction;

  @Option(names = "--reasons", paramLabel = "FILE",
      description = "Evaluate complaint reasons with this taxonomy (README \"Complaint reasons\") instead of the "
          + "sentiment model: --data then has columns text,reason (or text,category)")
  Path reasons;

  @Option(names = "--min-score", paramLabel = "COSINE",
      description = "With --reasons: the score a reason needs (reasons.min-score); default: the defaults file's")
  Double minScore;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "With --reasons: keep the taxonomy's embeddings here, so that a run on the same taxonomy does not "
          + "encode its examples again")
  Path cacheDir;

  @Option(names = "--json", description = "End with one JSON line of the figures")
  boolean json;

  @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "PT5S",
      converter = DurationConverter.class,
      description = "How often to say on stderr how far it has come; 0 after every model call; default: ${DEFAULT-VALUE}")
  Duration progressInterval;

  @Mixin
  ModelOption model;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (reasons != null) {
      return evaluateReasons(out);
    }
    List<LabeledExample> examples = new ArrayList<>();
    for (Path file : data) {
      examples.addAll(LabeledCsv.read(file));
    }
    if (testSplitSeed != null) {
      examples = TrainingSplits.heldOut(examples, testSplitSeed, testFraction);
    }
    if (balanced) {
      examples = Splits.balanced(examples, LabeledExample::label, seed);
    }
    // On SIGTERM/SIGINT the hook closes the model: that waits for the call in flight, and the next one throws.
    try (SentimentModel m = model.load(); StopOnSignal signal = StopOnSignal.install("evaluate", m::close)) {
      long started = System.nanoTime();
      Evaluation.Report report;
      List<Prediction> predictions;
      try {
        predictions = new Evaluation(m, CommandProgress.of(spec, progressInterval)).predict(examples);
        report = Evaluation.Report.of(examples, predictions);
      } catch (ModelClosedException e) {
        if (!signal.signalled()) {
          throw e;
        }
        spec.commandLine().getErr().println("evaluate: stopped by a signal before the end");
        return ExitStatus.STOPPED;
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf(Locale.ROOT, "model %s (%s, temperature %.4f) on %s%s%s%n", m.lineage().id(),
          m.lineage().version(), m.calibration().temperature(), DefaultModelTrainer.dataNames(data),
          testSplitSeed != null ? " (held-out test split of seed " + testSplitSeed + ")" : "",
          balanced ? " (balanced)" : "");
      out.print(report.toText());
      BreakdownReport breakdown = BreakdownReport.of(examples, predictions);
      boolean severalSources = breakdown.bySource().size() > 1 || breakdown.byDomain().size() > 1;
      if (severalSources) {
        out.print(breakdown.toText());
      }
      out.printf(Locale.ROOT, "%.1f s, %.1f texts/s%n", seconds, examples.size() / seconds);
      if (json) {
        Map<String, Object> figures = new LinkedHashMap<>(report.classification().toMap());
        figures.put("calibration", report.calibration().toMap());
        figures.put("balanced", balanced);
        figures.put("model_id", m.lineage().id());
        figures.put("model_version", m.lineage().version());
        figures.put("temperature", m.calibration().temperature());
        if (severalSources) {
          figures.putAll(breakdown.toMap());
        }
        out.println(new ObjectMapper().writeValueAsString(figures));
      }
    }
    out.flush();
    return 0;
  }

  private int evaluateReasons(PrintWriter out) throws Exception {
    if (balanced || testSplitSeed != null) {
      spec.commandLine().getErr().println("evaluate: --balanced and --test-split are for the sentiment model, "
          + "not --reasons");
      return ExitStatus.USAGE;
    }
    ReasonOptions defaults = ReasonOptions.from(Settings.defaults());
    ReasonOptions options = new ReasonOptions(Optional.of(reasons), defaults.top(),
        minScore == null ? defaults.minScore() : minScore);
    ReasonTaxonomy taxonomy = options.taxonomy();
    List<LabeledReason> labeled = new ArrayList<>();
    for (Path file : data) {
      labeled.addAll(ReasonCsv.read(file));
    }
    long started = System.nanoTime();
    ReasonReport report;
    SentenceEmbedder embedder = SentenceEmbedder.bge(InferenceOptions.DEFAULT.withMaxBatchRows(REASON_BATCH));
    try (ReasonScorer scorer = cacheDir == null ? ReasonScorer.of(taxonomy, embedder, options)
        : ReasonScorer.of(taxonomy, embedder, options, new EmbeddingCache(cacheDir))) {
      double loaded = (System.nanoTime() - started) / 1e9;
      report = ReasonEvaluation.run(scorer, labeled, DefaultModelTrainer.dataNames(data));
      double seconds = (System.nanoTime() - started) / 1e9 - loaded;
      out.printf(Locale.ROOT, "reasons of %s (%d reasons, %d examples; min-score %.2f) on %s%n", reasons,
          taxonomy.reasons().size(), taxonomy.exampleCount(), options.minScore(), DefaultModelTrainer.dataNames(data));
      out.print(report.toText());
      out.printf(Locale.ROOT, "taxonomy embedded in %.1f s; %d texts in %.1f s, %.1f texts/s%n", loaded,
          labeled.size(), seconds, labeled.size() / seconds);
    }
    if (json) {
      Map<String, Object> figures = new LinkedHashMap<>(report.toMap());
      figures.put("taxonomy", reasons.toString());
      figures.put("reason_count", taxonomy.reasons().size());
      figures.put("example_count", taxonomy.exampleCount());
      figures.put("min_score", options.minScore());
      out.println(new ObjectMapper().writeValueAsString(Map.of("reasons", figures)));
    }
    out.flush();
    return ExitStatus.OK;
  }
}
