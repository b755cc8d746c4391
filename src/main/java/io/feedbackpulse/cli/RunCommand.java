package io.feedbackpulse.cli;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.ModelLoading;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.pipeline.PipelineOptions;
import io.feedbackpulse.pipeline.WatchTriggers;
import io.feedbackpulse.service.FeedbackPulseService;
import io.feedbackpulse.web.ServiceWithHttp;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the service against an existing Kafka cluster and schema registry until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the service against the configured Kafka cluster (SIGTERM stops it cleanly).")
public final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Spec
  CommandSpec spec;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers")
  String bootstrapServers;

  @Mixin
  SettingsOptions settingsOptions;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> more = new HashMap<>();
    if (bootstrapServers != null) {
      more.put("bootstrap.servers", bootstrapServers);
    }
    Settings settings = settingsOptions.resolve(more);
    // with pipeline.enabled, a bad pipeline setting stops run here, not the watch later
    Optional<PipelineOptions> pipeline = settings.bool("pipeline.enabled")
        ? Optional.of(PipelineOptions.from(settings)) : Optional.empty();
    if (pipeline.isPresent()) {
      WatchTriggers.from(settings);
    }
    // A model that does not load (ModelLoadException) or a cluster not set up (StartupCheckException) ends the
    // command with one line and ExitStatus.MODEL_NOT_LOADED or NOT_SET_UP: see ErrorReport.
    SentimentModel model = ModelLoading.load(settings);
    ServiceWithHttp app;
    try {
      app = ServiceWithHttp.start(settings, model, Clock.systemUTC());
    } catch (RuntimeException e) {
      model.close(); // start closed what it had started
      throw e;
    }
    FeedbackPulseService service = app.service();
    log.info("Serving health, metrics, query API and dashboard at {}", app.url());
    InProcessWatch watch = pipeline.map(p -> startWatch(p, settings, more)).orElse(null);
    // This command loaded the model, so it closes it: after the stream threads that call it have stopped.
    Thread hook = new Thread(() -> {
      if (watch != null) {
        watch.close(); // a run under way ends cancelled, before the service it reads from stops
      }
      if (service.streams().state() == KafkaStreams.State.ERROR) {
        app.close(); // run() already returns the failure as the exit status
        service.closeModelsIfStopped();
        return;
      }
      log.info("Stopping: committing in-flight work and closing stores");
      boolean clean = app.closeGracefully();
      boolean modelClosed = service.closeModelsIfStopped();
      log.info(clean ? "Stopped cleanly" : modelClosed ? "Stopped, but Kafka Streams did not close in time"
          : "Kafka Streams did not stop; exiting with its threads still running");
      // A JVM stopped by a signal exits 128+signal; a clean stop on SIGTERM is a success, so say so.
      Runtime.getRuntime().halt(clean ? 0 : 1);
    }, "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    service.awaitStopped();
    return service.streams().state() == KafkaStreams.State.ERROR ? ExitStatus.FAILED : ExitStatus.OK;
  }

  /** pipeline watch inside this process ({@code pipeline.enabled}), with this command's settings. */
  private InProcessWatch startWatch(PipelineOptions pipeline, Settings settings, Map<String, String> more) {
    List<String> args = new ArrayList<>(List.of("pipeline", "watch"));
    args.addAll(settingsOptions.asArgs(more));
    log.info("pipeline.enabled: pipeline watch runs in this process at nice {} (pipeline.nice), every {}",
        pipeline.nice(), settings.duration("pipeline.watch.interval"));
    PrintWriter out = new PrintWriter(new LoggedLines(LoggerFactory.getLogger(PipelineWatchCommand.class)), true);
    return InProcessWatch.start(args.toArray(String[]::new), pipeline.nice(), out,
        status -> log.error("pipeline watch ended with status {}; this instance goes on scoring, and starts no more "
            + "pipeline runs until it is restarted", status));
  }
}
