package io.feedbackpulse.cli;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.service.FeedbackPulseService;
import io.feedbackpulse.service.Pipeline;
import io.feedbackpulse.web.ServiceWithHttp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the service against an existing Kafka cluster and schema registry until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the service against the configured Kafka cluster (SIGTERM stops it cleanly).")
public final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

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
    SentimentModel model = Pipeline.loadModel(settings);
    ServiceWithHttp app = ServiceWithHttp.start(settings, model, Clock.systemUTC());
    FeedbackPulseService service = app.service();
    log.info("Serving health, metrics, query API and dashboard at {}", app.url());
    Thread hook = new Thread(() -> {
      log.info("Stopping: committing in-flight work and closing stores");
      app.close();
    }, "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    service.awaitStopped();
    return service.streams().state() == org.apache.kafka.streams.KafkaStreams.State.ERROR ? 1 : 0;
  }
}
