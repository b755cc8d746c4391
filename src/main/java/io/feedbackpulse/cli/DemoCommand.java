package io.feedbackpulse.cli;

import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.demo.AgentLabels;
import io.feedbackpulse.demo.AutopilotSettings;
import io.feedbackpulse.demo.DemoSummary;
import io.feedbackpulse.demo.InProcessSettings;
import io.feedbackpulse.demo.MalformedRecords;
import io.feedbackpulse.demo.NegativeShift;
import io.feedbackpulse.demo.SampleChannel;
import io.feedbackpulse.demo.SampleTraffic;
import io.feedbackpulse.demo.ShiftDriftSettings;
import io.feedbackpulse.demo.TrafficPump;
import io.feedbackpulse.inference.ModelLoading;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.pipeline.PipelineOptions;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.registry.SubjectNameStrategy;
import io.feedbackpulse.service.FeedbackPulseService;
import io.feedbackpulse.service.Pipeline;
import io.feedbackpulse.service.ServiceOptions;
import io.feedbackpulse.service.ServiceSchemas;
import io.feedbackpulse.web.ServiceWithHttp;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A real broker, a schema registry, the service and sample traffic, all in this JVM. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start an in-process Kafka broker (KRaft), a schema registry, the service and sample traffic.")
public final class DemoCommand implements Callable<Integer> {
  private static final Duration WINDOW = Duration.ofSeconds(20);
  /** The most frequent channel, so its windows are the first to hold enough items for a drift event. */
  private static final SampleChannel SHIFTED_CHANNEL = SampleChannel.CHAT;
  private static final double SHIFTED_NEGATIVE_SHARE = 0.8;
  /** Each run is measured and canaried against the champion: at first the served model, registered before the watch. */
  private static final int AUTOPILOT_RUNS = 2;
  private static final long AGENT_SEED = 43;

  @Option(names = "--no-sample-traffic", description = "Leave the channel topics to other producers")
  boolean noSampleTraffic;

  @Option(names = "--duration", converter = DurationConverter.class,
      description = "Stop after this long (ISO-8601, e.g. PT2M, or seconds); default: run until stopped")
  Duration duration;

  @Option(names = "--drift-after", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "After this long (ISO-8601, e.g. PT2M, or seconds), 80%% of the chat channel's sample records come"
          + " from negative reviews, so chat drifts; windows are then compared with each channel's earlier windows"
          + " (drift.reference=trailing) and drift.min-items follows --rate")
  Duration driftAfter;

  @Option(names = "--autopilot", description = "Close the learning loop in the demo: agents label half of the"
      + " e-mail, chat and social sample items (feedback.labels), and pipeline watch runs inside the demo with"
      + " demo-sized pipeline.* settings, so a training pipeline run starts, trains, evaluates, registers and rolls"
      + " out its model within minutes (two runs at most)")
  boolean autopilot;

  @Option(names = "--rate", defaultValue = "8", description = "Sample records per second; default: ${DEFAULT-VALUE}")
  double rate;

  @Option(names = "--port", defaultValue = "0", description = "Broker port; 0 picks a free one")
  int port;

  @Option(names = "--summary-every", defaultValue = "PT5S", converter = DurationConverter.class,
      description = "How often to print the summary (ISO-8601 or seconds); default: ${DEFAULT-VALUE}")
  Duration summaryEvery;

  @Option(names = "--malformed-every", defaultValue = "PT5S", converter = DurationConverter.class,
      description = "With sample traffic, send one broken record this often to show the dead-letter path; PT0S for none")
  Duration malformedEvery;

  @Mixin
  SettingsOptions settingsOptions;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (driftAfter != null && noSampleTraffic) {
      throw new ParameterException(spec.commandLine(),
          "--drift-after shifts the sample traffic; --no-sample-traffic has none");
    }
    if (autopilot && noSampleTraffic) {
      throw new ParameterException(spec.commandLine(),
          "--autopilot labels the sample traffic; --no-sample-traffic has none");
    }
    // On SIGTERM/SIGINT the hook ends the loop below and waits for this thread's own clean-up: the service
    // first, then the model, then the broker. The JVM exits when the hook returns. Closing the broker deletes its
    // temporary data directory (the service's state stores are in it too), so an end by --duration, by a signal
    // or by an exception leaves nothing behind (DemoCleanupIT, ReadmeCommandsIT).
    CountDownLatch finished = new CountDownLatch(1);
    try (StopOnSignal signal = StopOnSignal.install("demo", () -> awaitQuietly(finished, Duration.ofMinutes(2)))) {
      return demo(signal);
    } finally {
      finished.countDown();
    }
  }

  private Integer demo(StopOnSignal signal) throws Exception {
    Map<String, String> demo = new LinkedHashMap<>();
    demo.put("application.id", "feedback-pulse-demo");
    demo.put("windows.size", WINDOW.toString());
    demo.put("windows.grace", "PT2S");
    demo.put("kafka.commit.interval.ms", "200");
    if (driftAfter != null) {
      demo.putAll(ShiftDriftSettings.forShift(SHIFTED_CHANNEL, rate, WINDOW));
    }
    if (autopilot) {
      demo.putAll(AutopilotSettings.of());
    }
    // The settings and the model are checked before the broker starts, so that a mistake in them ends the
    // command at once with one line (ErrorReport), not after a broker has started and stopped.
    Settings checked = settingsOptions.resolve(withOverrides(demo));
    SentimentModel model = ModelLoading.load(checked);
    boolean serviceOwnsTheStop = false;
    try {
      ServiceOptions.from(checked); // reads the settings left: a bad one stops here too
      if (autopilot) {
        PipelineOptions.from(checked);
      }
      try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(port).start();
          InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
        demo.putAll(InProcessSettings.of(broker, registry, broker.dataDir().resolve("streams-state"), 1));
        if (autopilot) {
          demo.putAll(AutopilotSettings.modelStore(broker.dataDir()));
        }
        Settings settings = settingsOptions.resolve(withOverrides(demo));
        registerSchemas(registry, settings);
        // This command loaded the model, so it closes it: after the stream threads that call it have stopped.
        ServiceWithHttp app = ServiceWithHttp.start(settings, model, Clock.systemUTC());
        serviceOwnsTheStop = true;
        try {
          return serve(app, broker, registry, settings, withOverrides(demo), model.lineage().version(), signal);
        } finally {
          app.close();
          app.service().closeModelsIfStopped();
        }
      }
    } finally {
      if (!serviceOwnsTheStop) {
        model.close(); // nothing runs it: the service did not start, or start closed what it had started
      }
    }
  }

  /**
   * Every subject the service, the {@code models} commands and the channels' producers write, as {@code
   * register-schemas} registers them on a cluster: commands pointed at the demo then work with their defaults
   * ({@code schema.registry.auto-register=false}), as they would against a registry set up that way.
   */
  private static void registerSchemas(InMemorySchemaRegistry registry, Settings settings) {
    new ServiceSchemas(settings).bySubject(SubjectNameStrategy.fromSetting(
        settings.string("schema.registry.subject-name-strategy"))).forEach(registry::register);
  }

  /** The demo's own settings, under what the user set: {@code --set} wins over both. */
  private Map<String, String> withOverrides(Map<String, String> demo) {
    Map<String, String> merged = new LinkedHashMap<>(demo);
    merged.putAll(settingsOptions.overrides);
    return merged;
  }

  /**
   * @param demoSettings the settings the demo set, with the user's over them: the autopilot's commands run with them
   * @param servedVersion the version of the model the service started with
   */
  private Integer serve(ServiceWithHttp app, EmbeddedKafkaBroker broker, InMemorySchemaRegistry registry,
      Settings settings, Map<String, String> demoSettings, String servedVersion, StopOnSignal signal)
      throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    FeedbackPulseService service = app.service();
    Pipeline pipeline = service.pipeline();
    if (!service.awaitRunning(Duration.ofSeconds(60))) {
      out.println("the service did not reach RUNNING: " + service.streams().state());
      return ExitStatus.FAILED;
    }
    out.println("bootstrap.servers=" + broker.bootstrapServers());
    out.println("schema.registry.url=" + registry.url());
    out.println("dashboard=" + app.url());
    out.println("ready: feedback topics " + pipeline.channels().stream().map(c -> c.topic()).toList()
        + ", outputs " + pipeline.topics().all());
    Clock clock = Clock.systemUTC();
    NegativeShift shift = driftAfter == null ? null
        : new NegativeShift(SHIFTED_CHANNEL, clock.instant().plus(driftAfter), SHIFTED_NEGATIVE_SHARE);
    if (shift != null) {
      out.println("drift: " + channelName() + " traffic turns mostly negative at "
          + shift.startsAt().truncatedTo(ChronoUnit.SECONDS)
          + "; windows are compared with each channel's earlier windows (drift.reference="
          + settings.string("drift.reference") + ", drift.min-items=" + settings.integer("drift.min-items") + ")");
    }
    out.flush();
    try (DemoSummary summary = new DemoSummary(broker.bootstrapServers(),
            new AvroSerdes(RegistrySettings.from(settings)), pipeline.topics());
        TrafficPump pump = noSampleTraffic ? null
            : TrafficPump.start(broker.bootstrapServers(), shift == null ? SampleTraffic.fromCommittedSample(42)
                : SampleTraffic.fromCommittedSample(42, clock, shift), agentLabels(pipeline), rate);
        KafkaProducer<byte[], byte[]> brokenProducer = new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
            new ByteArraySerializer(), new ByteArraySerializer());
        InProcessWatch watch = autopilot ? startAutopilot(demoSettings, settings, servedVersion, out) : null) {
      MalformedRecords malformed = new MalformedRecords(7);
      long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
      boolean shiftAnnounced = false;
      long nextSummary = System.nanoTime() + summaryEvery.toNanos();
      long nextMalformed = System.nanoTime() + malformedEvery.toNanos();
      while (System.nanoTime() < deadline && !signal.signalled() && service.streams().state().isRunningOrRebalancing()) {
        Thread.sleep(100);
        if (shift != null && !shiftAnnounced && !clock.instant().isBefore(shift.startsAt())) {
          out.printf(Locale.ROOT, "drift: %s traffic is now mostly negative (%.0f%% from negative reviews,"
              + " --drift-after %s)%n", channelName(), 100 * shift.negativeShare(), driftAfter);
          out.flush();
          shiftAnnounced = true;
        }
        if (!noSampleTraffic && !malformedEvery.isZero() && System.nanoTime() >= nextMalformed) {
          brokenProducer.send(malformed.next());
          nextMalformed += malformedEvery.toNanos();
        }
        if (System.nanoTime() < nextSummary && System.nanoTime() < deadline) {
          continue;
        }
        nextSummary += summaryEvery.toNanos();
        out.print(summary.render());
        if (autopilot) { // --autopilot has sample traffic
          out.print("\n  autopilot: " + pump.labelled() + " labels by agents");
        }
        out.println();
        out.flush();
      }
    }
    return ExitStatus.OK;
  }

  private Optional<AgentLabels> agentLabels(Pipeline pipeline) {
    return autopilot ? Optional.of(new AgentLabels(pipeline.topics().labels(), AgentLabels.UNRATED,
        AutopilotSettings.LABELLED_SHARE, AGENT_SEED)) : Optional.empty();
  }

  private InProcessWatch startAutopilot(Map<String, String> demoSettings, Settings settings, String servedVersion,
      PrintWriter out) {
    out.printf(Locale.ROOT, "autopilot: agents label %.0f%% of the email, chat and social items on %s; pipeline watch"
            + " starts a run once %d new labels arrived (pipeline.trigger.min-new-labels), rollout %s, at most %d"
            + " runs%n", 100 * AutopilotSettings.LABELLED_SHARE, settings.string("topic.labels"),
        settings.integer("pipeline.trigger.min-new-labels"), settings.string("pipeline.rollout"), AUTOPILOT_RUNS);
    DemoCommands commands = new DemoCommands(demoSettings, Optional.ofNullable(settingsOptions.configFile));
    out.println(AutopilotChampion.seed(commands, settings, servedVersion));
    out.flush();
    return InProcessWatch.start(commands.args("pipeline", "watch", "--max-runs", Integer.toString(AUTOPILOT_RUNS)),
        PipelineOptions.from(settings).nice(), out, status -> {
          out.println("autopilot: pipeline watch ended (at most " + AUTOPILOT_RUNS + " runs), status " + status);
          out.flush();
        });
  }

  private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      if (!latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LoggerFactory.getLogger(DemoCommand.class).error("demo: not stopped after {} s; exiting anyway",
            timeout.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String channelName() {
    return SHIFTED_CHANNEL.name().toLowerCase(Locale.ROOT);
  }
}
