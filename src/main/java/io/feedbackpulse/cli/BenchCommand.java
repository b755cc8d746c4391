package io.feedbackpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.bench.BenchInputs;
import io.feedbackpulse.bench.ExplanationBench;
import io.feedbackpulse.bench.ReasonsBench;
import io.feedbackpulse.bench.LanguageDetectionBench;
import io.feedbackpulse.bench.OnnxParameterCount;
import io.feedbackpulse.bench.PeakMemory;
import io.feedbackpulse.bench.PipelineBench;
import io.feedbackpulse.bench.RawModelBench;
import io.feedbackpulse.bench.SideBySideBench;
import io.feedbackpulse.bench.StagePercentiles;
import io.feedbackpulse.bench.TrainingBeside;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelLoading;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.demo.InProcessSettings;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.demo.SampleReview;
import io.feedbackpulse.demo.SampleReviews;
import io.feedbackpulse.explain.ExplainOptions;
import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.inference.ModelConfig;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.reasons.ReasonOptions;
import io.feedbackpulse.reasons.ReasonScorer;
import io.feedbackpulse.reasons.SharedReasonScorers;
import io.feedbackpulse.pipeline.PipelineOptions;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Throughput of the model alone and of the whole service (batched and one record per call) on an
 * in-process broker with exactly-once, latency under a steady load of half the service's
 * throughput, model FLOPs, the language detector's cost per item and peak memory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark the model alone and the whole service on an in-process broker (exactly-once).")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--quick", description = "A smaller run (under two minutes with the default model on 2 cores)")
  boolean quick;

  @Option(names = "--json", description = "End with one JSON object on the last line")
  boolean json;

  @Option(names = "--model", paramLabel = "DIR", description = "Model directory to bench; default: the setting model.dir")
  String model;

  private static final String FP32 = "fp32";

  @Option(names = "--reference", paramLabel = "DIR", description = "A second model directory, or fp32 for the "
      + "model's own fp32 graph (model.quantization=none), run side by side with the model on the same sample reviews "
      + "in this process: speedup_over_reference (speedup_over_fp32 with fp32) and both models' macro-F1")
  String reference;

  @Option(names = "--model-only", description = "Skip the runs on the in-process broker (pipeline throughput, latency)")
  boolean modelOnly;

  @Option(names = "--records", description = "Records the model alone and each throughput run score (the same inputs); default: 128 with --quick, 640 without")
  Integer records;

  @Option(names = "--latency-duration", converter = DurationConverter.class, description = "How long the steady load runs; default: PT12S with --quick, PT60S without")
  Duration latencyDuration;

  @Option(names = "--latency-at", paramLabel = "RECORDS_PER_S",
      description = "Only the latency run on the in-process broker, at this offered load: no model-alone or "
          + "throughput runs, so that latency under other work on the machine (scripts/latency-while-training.sh) "
          + "is compared at the same load")
  Double latencyAt;

  @Option(names = "--while-training", paramLabel = "CSV",
      description = "With --latency-at: the pipeline's train step on this labelled CSV runs over and over in this "
          + "process during the latency run, at pipeline.nice with pipeline.train.threads, as pipeline.enabled runs "
          + "it beside scoring")
  Path whileTraining;

  @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "PT5S",
      converter = DurationConverter.class,
      description = "How often to say on stderr how far a run has come; 0 after every step; default: ${DEFAULT-VALUE}")
  Duration progressInterval;

  @Mixin
  SettingsOptions settingsOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    // On SIGTERM/SIGINT the hook stops whatever runs the model now (the raw bench's model, or the service
    // on the broker and then its model) before the JVM exits.
    AtomicReference<Runnable> stopWork = new AtomicReference<>(() -> { });
    StopOnSignal signal = StopOnSignal.install("bench", () -> stopWork.get().run());
    try {
      return bench(stopWork);
    } catch (ModelClosedException | CancellationException e) {
      if (!signal.signalled()) {
        throw e;
      }
      spec.commandLine().getErr().println("bench: stopped by a signal");
      return ExitStatus.STOPPED;
    } finally {
      signal.close();
    }
  }

  /** Reasons for the alerts of the explanation run, as the service gives them; empty with reasons.top=0. */
  private static Optional<ReasonsBench.Result> reasons(Settings settings, ExplanationBench.Result explanations)
      throws IOException {
    ReasonOptions options = ReasonOptions.from(settings);
    if (!options.enabled()) {
      return Optional.empty();
    }
    ReasonScorer scorer = SharedReasonScorers.of(options.taxonomy(), options, InferenceOptions.from(settings));
    return Optional.of(new ReasonsBench(scorer).run(explanations.alertQueries()));
  }

  private Integer bench(AtomicReference<Runnable> stopWork) throws Exception {
    if (latencyAt != null && !(latencyAt > 0)) {
      throw new ParameterException(spec.commandLine(), "--latency-at must be above 0 records/s, got " + latencyAt);
    }
    if (whileTraining != null && latencyAt == null) {
      throw new ParameterException(spec.commandLine(), "--while-training needs --latency-at: it measures latency "
          + "beside training at one offered load");
    }
    if (whileTraining != null && !Files.isRegularFile(whileTraining)) {
      throw new ParameterException(spec.commandLine(), "--while-training: no such file " + whileTraining);
    }
    PrintWriter out = spec.commandLine().getOut();
    int n = records != null ? records : quick ? 128 : 640;
    Duration steady = latencyDuration != null ? latencyDuration : Duration.ofSeconds(quick ? 12 : 60);
    Duration warmup = steady.dividedBy(4);
    List<SampleReview> reviews = SampleReviews.load();
    Map<String, Object> report = new LinkedHashMap<>();

    Settings settings = settingsOptions.resolve(model == null ? Map.of() : Map.of("model.dir", model));
    int batchSize = settings.integer("batch.max-size");
    report.put("model_dir", settings.string("model.dir"));
    report.put("quick", quick);
    report.put("settings", benchSettings(settings));
    if (latencyAt != null) {
      return latencyOnly(latencyAt, steady, reviews, report, stopWork, PipelineOptions.from(settings));
    }

    // One input set for the model alone and the pipeline: the demo's channel mix, as the service's ingest reads it.
    BenchInputs inputs = BenchInputs.of(settings, reviews, n, 42, Clock.systemUTC());
    RawModelBench.Result raw;
    ExplanationBench.Result explanations;
    try (SentimentModel m = ModelLoading.load(settings)) {
      stopWork.set(m::close);
      report.put("model_id", m.lineage().id());
      report.put("model_version", m.lineage().version());
      raw = new RawModelBench(m, batchSize).run(inputs.texts(), 32, CommandProgress.of(spec, progressInterval));
      explanations = new ExplanationBench(m, batchSize, settings.integer("batch.max-tokens"),
          settings.decimal("alerts.negative-threshold"),
          ExplainOptions.from(settings)).run(inputs.texts());
    }
    out.printf(Locale.ROOT, "explanations: %d of %d bench texts alert (%.0f%%), %d explained at %.0f model tokens each;"
            + " explaining took %.2f s against %.2f s scoring = +%.0f%% model time%n", explanations.alerts(),
        explanations.texts(), 100.0 * explanations.alerts() / explanations.texts(), explanations.explained(),
        explanations.meanTokens(), explanations.explainSeconds(), explanations.scoreSeconds(),
        100 * explanations.overhead());
    Optional<ReasonsBench.Result> reasons = reasons(settings, explanations);
    reasons.ifPresentOrElse(r -> out.printf(Locale.ROOT, "reasons: %d alerts given reasons in %d encoder calls"
            + " (bge-small, %.0f tokens each: text and top sentence) in %.2f s = %.0f us/alert%n", r.alerts(),
            r.calls(), r.alerts() == 0 ? 0.0 : (double) r.tokens() / r.alerts(), r.seconds(), r.microsPerAlert()),
        () -> out.println("reasons: off (reasons.top=0)"));
    reasons.ifPresent(r -> {
      report.put("reasons_us_per_alert", round(r.microsPerAlert()));
      report.put("reasons_alerts", r.alerts());
    });
    if (reference != null) {
      sideBySide(settings, batchSize, reviews, report, out, stopWork);
    }
    LanguageDetectionBench.Result languages = LanguageDetectionBench.run(
        reviews.stream().map(SampleReview::text).toList(), quick ? 2 : 10);
    out.printf(Locale.ROOT, "language detection: %.0f us/item over %d items (profiles loaded in %d ms)%n",
        languages.microsPerItem(), languages.items(), languages.loadMillis());
    out.flush();
    OnnxParameterCount parameters = parameters(settings.string("model.dir"));
    // A forward pass multiplies each token by every weight once (a multiply and an add); embedding
    // tables are only indexed. Attention's own token-by-token products are left out.
    double flopsPerRecord = 2.0 * parameters.multiplied() * raw.meanTokens();
    out.printf(Locale.ROOT, "raw model: %d records in %.2f s = %.1f records/s (%.1f tokens/record)%n",
        raw.records(), raw.seconds(), raw.recordsPerSecond(), raw.meanTokens());
    out.flush();

    report.put("mean_tokens", round(raw.meanTokens()));
    report.put("raw", round(raw.recordsPerSecond()));
    report.put("language_detection_us_per_item", round(languages.microsPerItem()));
    if (modelOnly) {
      report.put("peak_rss_mib", round(PeakMemory.mebibytes()));
      if (json) {
        out.println(new ObjectMapper().writeValueAsString(report));
      }
      out.flush();
      return 0;
    }
    Path work = Files.createTempDirectory("feedback-pulse-bench");
    PipelineBench.Throughput batched;
    PipelineBench.Throughput single;
    PipelineBench.Throughput unexplained;
    PipelineBench.Throughput shadowed;
    PipelineBench.Latency latency;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka")).start();
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Settings base = onBroker(broker, registry, work);
      PipelineBench bench = new PipelineBench(base, reviews, Duration.ofMinutes(quick ? 3 : 15),
          CommandProgress.of(spec, progressInterval));
      stopWork.set(bench::stop);
      bench.produceBacklog(inputs);
      // The first service in a JVM runs while the JIT compiles the Kafka client, Streams and broker
      // code on the same cores: an untimed pass keeps that out of whichever run would come first.
      bench.throughput("warmup", Map.of(), Math.min(n, 64));
      batched = bench.throughputUntilAlerts("batched", Map.of(), n);
      describe(out, "pipeline (batch.max-size=" + batchSize + ")", batched);
      unexplained = bench.throughput("unexplained", Map.of("explain.max-tokens", "0"), n);
      describe(out, "pipeline without explanations (explain.max-tokens=0)", unexplained);
      shadowed = bench.throughputWithShadow("shadow", Map.of(), n);
      describe(out, "pipeline with a shadow challenger (a second copy of the model, models.shadow.sample="
          + base.string("models.shadow.sample") + ")", shadowed);
      single = bench.throughput("batch1", Map.of("batch.max-size", "1"), n);
      describe(out, "pipeline (batch.max-size=1)", single);
      latency = bench.latency("latency", Map.of(), batched.recordsPerSecond() / 2, steady, warmup);
      out.printf(Locale.ROOT, "latency at %.1f records/s: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (%d records)%n",
          latency.offeredPerSecond(), latency.p50(), latency.p95(), latency.p99(), latency.records());
      out.printf(Locale.ROOT, "alerts (explained, with reasons): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (%d alerts)%n",
          latency.alertP50(), latency.alertP95(), latency.alertP99(), latency.alerts());
      latency.stages().forEach((stage, p) -> out.printf(Locale.ROOT,
          "  %-12s p50 %8.2f ms, p95 %8.2f ms, p99 %8.2f ms (%d samples)%n", stage, p.p50(), p.p95(), p.p99(),
          p.count()));
    } finally {
      deleteQuietly(work);
    }

    report.put("records", n);
    report.put("raw", round(raw.recordsPerSecond()));
    report.put("pipeline", round(batched.recordsPerSecond()));
    report.put("pipeline_with_alerts", round(batched.recordsPerSecondWithAlerts()));
    report.put("pipeline_alerts", batched.alerts());
    report.put("batch1", round(single.recordsPerSecond()));
    report.put("unexplained", round(unexplained.recordsPerSecond()));
    report.put("explanation_throughput_cost", round(1 - batched.recordsPerSecond() / unexplained.recordsPerSecond()));
    report.put("shadow", round(shadowed.recordsPerSecond()));
    report.put("shadow_throughput_cost", round(1 - shadowed.recordsPerSecond() / batched.recordsPerSecond()));
    report.put("explanation_alert_share", round((double) explanations.alerts() / explanations.texts()));
    report.put("explanation_tokens_per_alert", round(explanations.meanTokens()));
    report.put("explanation_model_overhead", round(explanations.overhead()));
    report.put("pipeline_over_raw", round(batched.recordsPerSecond() / raw.recordsPerSecond()));
    report.put("batched_over_batch1", round(batched.recordsPerSecond() / single.recordsPerSecond()));
    report.put("dead_letters", batched.deadLetters());
    report.put("offered_load", round(latency.offeredPerSecond()));
    report.put("latency_records", latency.records());
    report.put("latency_p50_ms", latency.p50());
    report.put("latency_p95_ms", latency.p95());
    report.put("latency_p99_ms", latency.p99());
    putAlertLatency(report, latency);
    report.put("latency_stages_ms", stages(latency.stages()));
    report.put("language_detection_us_per_item", round(languages.microsPerItem()));
    report.put("language_detection_items", languages.items());
    report.put("parameters", parameters.total());
    report.put("embedding_parameters", parameters.lookedUp());
    report.put("mean_tokens", round(raw.meanTokens()));
    report.put("flops_per_record", flopsPerRecord);
    report.put("raw_gflops_per_s", round(flopsPerRecord * raw.recordsPerSecond() / 1e9));
    report.put("pipeline_gflops_per_s", round(flopsPerRecord * batched.recordsPerSecond() / 1e9));
    report.put("peak_rss_mib", round(PeakMemory.mebibytes()));
    out.printf(Locale.ROOT, "pipeline/raw %.2f, batched/batch1 %.2f; %.2f GFLOP/record (%d parameters, %d in embedding tables), "
            + "raw %.1f GFLOP/s, pipeline %.1f GFLOP/s; peak RSS %.0f MiB%n",
        report.get("pipeline_over_raw"), report.get("batched_over_batch1"), flopsPerRecord / 1e9, parameters.total(), parameters.lookedUp(),
        report.get("raw_gflops_per_s"), report.get("pipeline_gflops_per_s"), report.get("peak_rss_mib"));
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(report));
    }
    out.flush();
    return 0;
  }

  /** The service's settings on the in-process broker and registry, with --model and --set. */
  private Settings onBroker(EmbeddedKafkaBroker broker, InMemorySchemaRegistry registry, Path work) {
    Map<String, String> onBroker = InProcessSettings.of(broker, registry, work.resolve("streams-state"), 2);
    if (model != null) {
      onBroker.put("model.dir", model);
    }
    onBroker.putAll(settingsOptions.overrides);
    return settingsOptions.resolve(onBroker);
  }

  private static void putAlertLatency(Map<String, Object> report, PipelineBench.Latency latency) {
    report.put("alert_latency_records", latency.alerts());
    report.put("alert_latency_p50_ms", latency.alertP50());
    report.put("alert_latency_p95_ms", latency.alertP95());
    report.put("alert_latency_p99_ms", latency.alertP99());
  }

  /** The latency run alone, after an untimed pass that lets the JIT compile the clients, Streams and the broker. */
  private Integer latencyOnly(double recordsPerSecond, Duration steady, List<SampleReview> reviews,
      Map<String, Object> report, AtomicReference<Runnable> stopWork, PipelineOptions pipeline) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PipelineBench.Latency latency;
    Optional<TrainingBeside.Result> trained = Optional.empty();
    Path work = Files.createTempDirectory("feedback-pulse-bench");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka")).start();
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Settings base = onBroker(broker, registry, work);
      PipelineBench bench = new PipelineBench(base, reviews, Duration.ofMinutes(quick ? 3 : 15),
          CommandProgress.of(spec, progressInterval));
      stopWork.set(bench::stop);
      bench.produceBacklog(BenchInputs.of(base, reviews, 64, 42, Clock.systemUTC()));
      bench.throughput("warmup", Map.of(), 64);
      if (whileTraining == null) {
        latency = bench.latency("latency", Map.of(), recordsPerSecond, steady, steady.dividedBy(4));
      } else {
        try (TrainingBeside training = TrainingBeside.start(pipeline, List.of(whileTraining), work.resolve("train"))) {
          latency = bench.latency("latency", Map.of(), recordsPerSecond, steady, steady.dividedBy(4));
          trained = Optional.of(training.stop());
        }
      }
    } finally {
      deleteQuietly(work);
    }
    out.printf(Locale.ROOT, "latency at %.1f records/s: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (%d records)%n",
        latency.offeredPerSecond(), latency.p50(), latency.p95(), latency.p99(), latency.records());
    out.printf(Locale.ROOT, "alerts (explained, with reasons): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (%d alerts)%n",
        latency.alertP50(), latency.alertP95(), latency.alertP99(), latency.alerts());
    report.put("offered_load", round(latency.offeredPerSecond()));
    report.put("latency_records", latency.records());
    report.put("latency_p50_ms", latency.p50());
    report.put("latency_p95_ms", latency.p95());
    report.put("latency_p99_ms", latency.p99());
    putAlertLatency(report, latency);
    report.put("latency_stages_ms", stages(latency.stages()));
    if (trained.isPresent()) {
      TrainingBeside.Result t = trained.get();
      out.printf(Locale.ROOT, "training beside it (%s, nice %s, %d intra-op thread(s)): %d round(s) finished, last "
          + "said: %s%n", whileTraining, t.nice().isPresent() ? t.nice().getAsInt() : "unknown",
          pipeline.trainThreads(), t.roundsFinished(), t.lastProgress());
      Map<String, Object> beside = new LinkedHashMap<>();
      beside.put("data", whileTraining.toString());
      beside.put("nice", t.nice().isPresent() ? t.nice().getAsInt() : null);
      beside.put("threads", pipeline.trainThreads());
      beside.put("rounds_finished", t.roundsFinished());
      beside.put("last_progress", t.lastProgress());
      report.put("training_beside", beside);
    }
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(report));
    }
    out.flush();
    return 0;
  }

  /**
   * The reference runs as the model does (threads, optimization, rows per call, windows), so only the graph
   * differs: its own directory's, quantized when its config.json says so, or with fp32 the model's fp32 graph.
   */
  static InferenceOptions referenceOptions(String reference, Settings settings) {
    InferenceOptions asTheModel = InferenceOptions.from(settings);
    return FP32.equals(reference) ? asTheModel.withoutQuantization() : asTheModel;
  }

  private void sideBySide(Settings settings, int batchSize, List<SampleReview> reviews, Map<String, Object> report,
      PrintWriter out, AtomicReference<Runnable> stopWork) {
    List<SampleReview> sample = reviews.subList(0, Math.min(reviews.size(), quick ? 150 : 600));
    List<String> texts = sample.stream().map(SampleReview::text).toList();
    List<Sentiment> truth = sample.stream().map(r -> Sentiment.ofValue(r.sentiment())).toList();
    SideBySideBench.Result r;
    try (SentimentModel m = ModelLoading.load(settings);
        SentimentModel ref = ModelLoading.load(FP32.equals(reference) ? settings.string("model.dir") : reference,
            referenceOptions(reference, settings))) {
      stopWork.set(() -> {
        m.close();
        ref.close();
      });
      r = new SideBySideBench(batchSize).run(m, ref, texts, truth, quick ? 1 : 3);
    }
    out.printf(Locale.ROOT, "side by side on %d sample reviews x %d rounds: model %.1f records/s (macro-F1 %.4f), "
        + "reference %s %.1f records/s (macro-F1 %.4f): speedup %.2f%n", r.records(), r.rounds(),
        r.model().recordsPerSecond(), r.model().macroF1(), r.reference().modelId(), r.reference().recordsPerSecond(),
        r.reference().macroF1(), r.speedup());
    out.flush();
    Map<String, Object> side = new LinkedHashMap<>();
    side.put("reference_dir", reference);
    side.put("reference_id", r.reference().modelId());
    side.put("records", r.records());
    side.put("rounds", r.rounds());
    side.put("model_records_per_s", round(r.model().recordsPerSecond()));
    side.put("reference_records_per_s", round(r.reference().recordsPerSecond()));
    side.put("model_macro_f1", Math.round(r.model().macroF1() * 10000) / 10000.0);
    side.put("reference_macro_f1", Math.round(r.reference().macroF1() * 10000) / 10000.0);
    report.put("side_by_side", side);
    report.put("speedup_over_reference", round(r.speedup()));
    if (FP32.equals(reference)) {
      report.put("speedup_over_fp32", round(r.speedup()));
    }
  }

  private static void describe(PrintWriter out, String run, PipelineBench.Throughput t) {
    out.printf(Locale.ROOT, "%s: %d records out %.2f s after RUNNING = %.1f records/s", run, t.records(),
        t.seconds(), t.recordsPerSecond());
    if (t.secondsWithAlerts() > t.seconds()) {
      out.printf(Locale.ROOT, "; their %d alerts out after %.2f s = %.1f records/s", t.alerts(),
          t.secondsWithAlerts(), t.recordsPerSecondWithAlerts());
    }
    out.printf("%n");
    out.flush();
  }

  private static Map<String, Object> stages(Map<String, StagePercentiles> stages) {
    Map<String, Object> out = new LinkedHashMap<>();
    stages.forEach((stage, p) -> {
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("p50", round(p.p50()));
      figures.put("p95", round(p.p95()));
      figures.put("p99", round(p.p99()));
      figures.put("count", p.count());
      out.put(stage, figures);
    });
    return out;
  }

  private static Map<String, String> benchSettings(Settings s) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : List.of("batch.max-size", "batch.max-wait", "model.batch-size", "model.intra-op-threads",
        "model.optimization-level", "model.max-length", "stream.threads", "processing.guarantee")) {
      out.put(key, s.string(key));
    }
    return out;
  }

  private static OnnxParameterCount parameters(String modelDir) {
    ModelSource source = ModelSource.of(modelDir);
    return OnnxParameterCount.of(source.file(ModelConfig.parse(source.read("config.json")).modelFile()));
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temporary directory; the OS cleans it eventually
    }
  }
}
