package io.feedbackpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.alert.PiiRedactor;
import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.ModelQuality;
import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.avro.PipelineStep;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.models.EvalSet;
import io.feedbackpulse.models.EvalSetMinimums;
import io.feedbackpulse.models.GateEvaluations;
import io.feedbackpulse.models.PromotionGate;
import io.feedbackpulse.pipeline.CancelWatch;
import io.feedbackpulse.pipeline.CandidateEvaluation;
import io.feedbackpulse.pipeline.CodeVersion;
import io.feedbackpulse.pipeline.PipelineLease;
import io.feedbackpulse.pipeline.PipelineOptions;
import io.feedbackpulse.pipeline.PipelineRunner;
import io.feedbackpulse.pipeline.PipelineRunsTopic;
import io.feedbackpulse.quality.DatasetCsv;
import io.feedbackpulse.quality.LabelledItems;
import io.feedbackpulse.quality.QualityTopic;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.service.StreamsProperties;
import io.feedbackpulse.streams.TopicNames;
import io.feedbackpulse.web.AvroJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One run of the training pipeline, now, in this process. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run the training pipeline once, in this process, and return when the run ends: snapshot the "
        + "labelled items (as dataset export reads them), check them (pipeline.checks.min-rows, every label, no "
        + "duplicate ids or empty texts), train a frozen-encoder head on them, evaluate candidate and champion on "
        + "the run's held-out split and on pipeline.eval-sets and --eval (models.gate.max-regression on each), "
        + "register the candidate with its lineage under pipeline.model-store, and roll it out "
        + "(pipeline.rollout: promote, shadow-only, or canary: growing shares while live agreement and live quality "
        + "hold).",
        "One run at a time across every instance and command (the pipeline lease, a consumer group on "
            + "topic.pipeline-runs): runs on record as running whose process is gone are first marked failed "
            + "(interrupted).",
        "Status 0 when the run succeeded (with promote or canary: its model is the champion), 7 when a gate refused "
            + "it or its canary was rolled back (the step and the reason in one line on stderr), 1 when a step "
            + "failed or the run was cancelled (pipeline cancel), 8 when another run holds the lease (nothing "
            + "started)."})
public final class PipelineRunCommand implements Callable<Integer> {
  private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  @Mixin
  PipelineItems items;

  @Option(names = "--since", paramLabel = "TIME",
      description = "Only items labelled from this time on: an ISO-8601 instant or a duration back from now (P7D)")
  String since;

  @Option(names = "--eval", paramLabel = "FILE",
      description = "A labeled CSV to evaluate on beside pipeline.eval-sets (repeatable); held to the gate's minimums")
  List<Path> evalFiles;

  @Option(names = "--json", description = "End with the run's record as one JSON line")
  boolean json;

  @Mixin
  ModelsOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Optional<Instant> from = since == null ? Optional.empty()
        : Optional.of(DatasetExportCommand.parseSince(since, spec));
    Settings settings = options.settings();
    // a bad pipeline.* setting is refused before anything reaches the cluster
    PipelineOptions pipeline = PipelineOptions.from(settings);
    List<EvalSet> extra = new ArrayList<>();
    for (Path file : evalFiles == null ? List.<Path>of() : evalFiles) {
      extra.add(EvalSet.read(file));
    }
    ModelsSession models = ModelsSession.open(settings);
    PipelineRun run;
    try (PipelineRunsTopic runs = PipelineSession.open(settings, true)) {
      Optional<PipelineLease> lease = PipelineSession.lease(settings);
      if (lease.isEmpty()) {
        spec.commandLine().getErr().println("Busy: " + PipelineSession.busy(runs) + "; not starting another");
        spec.commandLine().getErr().flush();
        return ExitStatus.BUSY;
      }
      try (PipelineLease held = lease.get()) {
        PipelineSession.markInterrupted(runs, spec.commandLine().getOut());
        String id = runId();
        try (CancelWatch cancel = runs.watchCancel(id)) {
          run = runner(pipeline, settings, models, runs, labelled(settings, items.timeout, spec), spec)
              .run(new PipelineRunner.Request(id, "command", items.channels(), from, extra), cancel, held::lost);
        }
      }
    }
    return finish(run, json, spec);
  }

  static String runId() {
    return "r" + RUN_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  /** The labelled items as {@code dataset export} reads them, read anew at each call. */
  static Supplier<List<LabelledFeedback>> labelled(Settings settings, Duration timeout, CommandSpec spec) {
    AvroSerdes avro = new AvroSerdes(RegistrySettings.from(settings));
    String topic = TopicNames.from(settings).labelled();
    return () -> LabelledItems.read(StreamsProperties.clientProperties(settings), topic,
        avro.specific(LabelledFeedback.class, false).deserializer(), timeout,
        CommandProgress.of(spec, Duration.ofSeconds(5)));
  }

  /** A runner on this registry and runs topic that says on stdout each step as it ends. */
  static PipelineRunner runner(PipelineOptions pipeline, Settings settings, ModelsSession models,
      PipelineRunsTopic runs, Supplier<List<LabelledFeedback>> labelled, CommandSpec spec) {
    PrintWriter out = spec.commandLine().getOut();
    AtomicInteger stepsSaid = new AtomicInteger();
    return new PipelineRunner(pipeline, labelled, new DatasetCsv(new PiiRedactor(), true),
        models, new CandidateEvaluation(new GateEvaluations(models.fetcher(), InferenceOptions.DEFAULT,
            Clock.systemUTC()), PromotionGate.Thresholds.from(settings), EvalSetMinimums.from(settings)),
        models.comparisons()::agreement, quality(settings)::fromNow,
        r -> {
          runs.write(r);
          // a change after a step ends (the candidate's version, say) repeats the step: say each end once
          List<PipelineStep> steps = r.getSteps();
          while (r.getEndedAt() == null && stepsSaid.get() < steps.size()
              && steps.get(stepsSaid.get()).getEndedAt() != null) {
            out.println(PipelineRuns.stepLine(steps.get(stepsSaid.getAndIncrement())));
            out.flush();
          }
        },
        CodeVersion.ofThisBuild(), Clock.systemUTC());
  }

  private static QualityTopic quality(Settings settings) {
    return new QualityTopic(StreamsProperties.clientProperties(settings), TopicNames.from(settings).quality(),
        new AvroSerdes(RegistrySettings.from(settings)).specific(ModelQuality.class, false).deserializer(),
        settings.duration("startup.kafka-timeout"));
  }

  /**
   * Ends a command with the run's outcome: 0 when it succeeded, 7 and one line when a gate refused it or its canary
   * was rolled back, 1 and one line when it failed.
   */
  static int finish(PipelineRun run, boolean json, CommandSpec spec) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(AvroJson.toMapWithBytes(run)));
    }
    out.flush();
    if (run.getStatus() == PipelineRunStatus.refused || run.getStatus() == PipelineRunStatus.rolled_back) {
      return ModelsSession.refuse("pipeline run " + run.getRunId() + " " + run.getReason(), spec);
    }
    if (run.getStatus() != PipelineRunStatus.succeeded) {
      spec.commandLine().getErr().println("pipeline run " + run.getRunId() + " " + run.getStatus() + ": "
          + run.getReason());
      spec.commandLine().getErr().flush();
      return ExitStatus.FAILED;
    }
    out.println("pipeline run " + run.getRunId() + " succeeded: " + run.getReason());
    out.flush();
    return ExitStatus.OK;
  }
}
