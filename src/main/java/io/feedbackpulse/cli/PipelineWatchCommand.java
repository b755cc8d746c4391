package io.feedbackpulse.cli;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.pipeline.CancelWatch;
import io.feedbackpulse.pipeline.DriftEventsTopic;
import io.feedbackpulse.pipeline.LabelTrigger;
import io.feedbackpulse.pipeline.PipelineLease;
import io.feedbackpulse.pipeline.PipelineOptions;
import io.feedbackpulse.pipeline.PipelineRunner;
import io.feedbackpulse.pipeline.PipelineRunsTopic;
import io.feedbackpulse.pipeline.WatchTriggers;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.service.StreamsProperties;
import io.feedbackpulse.streams.TopicNames;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Starts a run whenever one of its triggers fires: new labels, a quality or label-drift event, a schedule. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"Look every pipeline.watch.interval at topic.labelled and topic.drift and start a run (as "
        + "pipeline run does) when a trigger fires, each counting from the later of the champion's registration "
        + "and the newest run's start: pipeline.trigger.min-new-labels items of the channels labelled since then "
        + "(trigger labels: ...); an event of pipeline.trigger.events published since then on one of the channels, "
        + "a live-quality drop of the champion (quality: ...) or label drift (drift: ...); "
        + "pipeline.trigger.schedule passed since then with at least one new label (schedule: ...). Until stopped, "
        + "or --max-runs.",
        "A trigger that fires while another run holds the pipeline lease (pipeline run, another watcher) starts "
            + "nothing and says so; the next look tries again."})
public final class PipelineWatchCommand implements Callable<Integer> {
  @Mixin
  PipelineItems items;

  @Option(names = "--max-runs", paramLabel = "N",
      description = "Stop after starting this many runs; status of the last one as pipeline run gives it")
  Integer maxRuns;

  @Mixin
  ModelsOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Settings settings = options.settings();
    // a bad pipeline.* setting is refused before anything reaches the cluster
    PipelineOptions pipeline = PipelineOptions.from(settings);
    WatchTriggers triggers = WatchTriggers.from(settings);
    Duration interval = settings.duration("pipeline.watch.interval");
    List<String> selected = items.channels();
    PrintWriter out = spec.commandLine().getOut();
    ModelsSession models = ModelsSession.open(settings);
    int started = 0;
    int status = ExitStatus.OK;
    boolean saidTooFew = false;
    DriftEventsTopic events = new DriftEventsTopic(StreamsProperties.clientProperties(settings),
        TopicNames.from(settings).drift(), new AvroSerdes(RegistrySettings.from(settings))
            .specific(DriftEvent.class, false).deserializer(), items.timeout);
    try (PipelineRunsTopic runs = PipelineSession.open(settings, true)) {
      Optional<PipelineLease> atStart = PipelineSession.lease(settings);
      if (atStart.isPresent()) {
        try (PipelineLease held = atStart.get()) {
          PipelineSession.markInterrupted(runs, out);
        }
      }
      while (maxRuns == null || started < maxRuns) {
        Optional<ModelManifest> champion = models.read().champion();
        Instant since = LabelTrigger.since(champion, runs.read());
        List<LabelledFeedback> labelled = PipelineRunCommand.labelled(settings, items.timeout, spec).get().stream()
            .filter(i -> selected.isEmpty() || selected.contains(i.getChannel())).toList();
        WatchTriggers.Look look = new WatchTriggers.Look(champion, since, labelled,
            triggers.readsEvents() ? events.since(since) : List.of(), selected, Instant.now());
        Optional<String> why = triggers.fire(look);
        Optional<String> tooFew = why.flatMap(fired -> triggers.tooFewToTrain(look));
        if (tooFew.isPresent() && !saidTooFew) {
          out.println("not starting a run (" + why.get() + "): " + tooFew.get());
          out.flush();
          saidTooFew = true;
        }
        if (why.isEmpty() || tooFew.isPresent()) {
          Thread.sleep(interval.toMillis());
          continue;
        }
        saidTooFew = false;
        Optional<PipelineLease> lease = PipelineSession.lease(settings);
        if (lease.isEmpty()) {
          out.println("not starting a run (" + why.get() + "): " + PipelineSession.busy(runs));
          out.flush();
          Thread.sleep(interval.toMillis());
          continue;
        }
        PipelineRun run;
        try (PipelineLease held = lease.get()) {
          PipelineSession.markInterrupted(runs, out);
          out.println("starting a run: " + why.get());
          out.flush();
          String id = PipelineRunCommand.runId();
          try (CancelWatch cancel = runs.watchCancel(id)) {
            run = PipelineRunCommand.runner(pipeline, settings, models, runs, () -> labelled, spec)
                .run(new PipelineRunner.Request(id, why.get(), selected, Optional.empty(), List.of()),
                    cancel, held::lost);
          }
        }
        status = PipelineRunCommand.finish(run, false, spec);
        started++;
      }
    }
    return status;
  }
}
