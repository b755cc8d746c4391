package io.feedbackpulse.service;

import io.feedbackpulse.broker.TopicProvisioner;
import io.feedbackpulse.broker.TopicSpec;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelRefusal;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.ingest.ChannelDefinition;
import io.feedbackpulse.models.ModelFetcher;
import io.feedbackpulse.models.ModelLoader;
import io.feedbackpulse.models.RefusalsTopic;
import io.feedbackpulse.models.ModelSwitcher;
import io.feedbackpulse.models.RegistryFollower;
import io.feedbackpulse.reasons.LabelledReasonsFollower;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pipeline's topology in Kafka Streams: topics first, then the models the registry names (read to its
 * end, and followed from then on), then the streams, then a clean close.
 *
 * <p>The models the stream threads score with belong to the pipeline's {@link io.feedbackpulse.models.ServingModels}:
 * close this service first, then {@link #closeModelsIfStopped} them.
 */
public final class FeedbackPulseService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedbackPulseService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ADMIN_CLOSE = Duration.ofSeconds(1);
  /** After a close that timed out: how much longer to wait for the stream threads to finish. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration FINAL_STATE_LOG_WAIT = Duration.ofSeconds(2);

  private final Pipeline pipeline;
  private final KafkaStreams streams;
  private final HealthMonitor health;
  private final RegistryFollower follower;
  private final Optional<LabelledReasonsFollower> reasonsFollower;
  private final ModelSwitcher switcher;
  private final CountDownLatch stopped = new CountDownLatch(1);
  /** Counted down once the state listener has logged the final state (it runs just after the state changes). */
  private final CountDownLatch finalStateLogged = new CountDownLatch(1);
  private Boolean closedCleanly;

  private FeedbackPulseService(Pipeline pipeline, KafkaStreams streams, RegistryFollower follower,
      Optional<LabelledReasonsFollower> reasonsFollower, ModelSwitcher switcher) {
    this.pipeline = pipeline;
    this.streams = streams;
    this.follower = follower;
    this.reasonsFollower = reasonsFollower;
    this.switcher = switcher;
    this.health = HealthMonitor.of(streams, pipeline.settings().duration("health.max-stall"),
        pipeline::alertBatchesDone);
  }

  /**
   * Creates missing topics (when allowed, else checks they exist) and checks the output subjects (when it may
   * not register them), then starts the streams; returns without waiting for RUNNING.
   *
   * @throws StartupCheckException when a topic or subject the service may not create is missing
   */
  public static FeedbackPulseService start(Pipeline pipeline) {
    Settings s = pipeline.settings();
    Duration kafkaTimeout = s.duration("startup.kafka-timeout");
    Admin admin = Admin.create(StreamsProperties.clientProperties(s));
    try {
      List<String> outputs = pipeline.topics().outputs();
      List<String> existingOutputs = outputs;
      if (s.bool("topics.create")) {
        List<String> existing = new TopicProvisioner(admin, s.string("bootstrap.servers"), kafkaTimeout)
            .ensureTopics(topicSpecs(pipeline)).existing();
        existingOutputs = outputs.stream().filter(existing::contains).toList();
      } else {
        StartupChecks.topicsExist(admin, topicSpecs(pipeline), s.string("bootstrap.servers"), kafkaTimeout);
      }
      OldRecordRetention.warnAboutTopics(admin, existingOutputs, s.string("bootstrap.servers"), kafkaTimeout);
    } finally {
      // A request that timed out is still pending, and a plain close would wait out its own 60 s deadline.
      admin.close(ADMIN_CLOSE);
    }
    if (!s.bool("schema.registry.auto-register")) {
      StartupChecks.outputSubjectsRegistered(s, RegistrySettings.from(s));
    }
    ModelSwitcher switcher = modelSwitcher(pipeline);
    RegistryFollower follower = followRegistry(pipeline, switcher, kafkaTimeout);
    KafkaStreams streams;
    try {
      streams = new KafkaStreams(pipeline.topology(), StreamsProperties.from(s));
    } catch (RuntimeException e) {
      follower.close();
      throw e;
    }
    Optional<LabelledReasonsFollower> reasonsFollower = pipeline.learnedReasons().map(learned ->
        LabelledReasonsFollower.start(StreamsProperties.clientProperties(s), pipeline.topics().labelled(),
            new AvroSerdes(RegistrySettings.from(s)).specific(LabelledFeedback.class, false).deserializer(), learned,
            kafkaTimeout));
    FeedbackPulseService service = new FeedbackPulseService(pipeline, streams, follower, reasonsFollower, switcher);
    streams.setStateListener((now, before) -> {
      log.info("Kafka Streams {} -> {}", before, now);
      if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
        service.finalStateLogged.countDown();
        service.stopped.countDown();
      }
    });
    streams.setUncaughtExceptionHandler(new RetryingUncaughtExceptionHandler(
        s.duration("errors.retry-backoff.initial"), s.duration("errors.retry-backoff.max")));
    streams.start();
    service.health.start();
    return service;
  }

  private static ModelSwitcher modelSwitcher(Pipeline pipeline) {
    Settings s = pipeline.settings();
    ModelLoader loader = new ModelLoader(ModelFetcher.configured(s), InferenceOptions.from(s));
    return new ModelSwitcher(pipeline.models(), loader::load, s.decimal("models.shadow.sample"));
  }

  /** Serves what model.registry names before the first batch, and follows it from then on. */
  private static RegistryFollower followRegistry(Pipeline pipeline, ModelSwitcher switcher, Duration timeout) {
    Settings s = pipeline.settings();
    AvroSerdes avro = new AvroSerdes(RegistrySettings.from(s));
    RefusalsTopic refusals = new RefusalsTopic(StreamsProperties.clientProperties(s),
        pipeline.topics().modelRefusals(), avro.specific(ModelRefusal.class, false), timeout);
    return RegistryFollower.start(StreamsProperties.clientProperties(s), pipeline.topics().models(), refusals,
        avro.specific(ModelManifest.class, false).deserializer(), switcher, instanceName(s), Clock.systemUTC(),
        timeout);
  }

  private static String instanceName(Settings s) {
    String server = s.kafka().get("application.server");
    if (server != null && !server.isEmpty()) {
      return server;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  static List<TopicSpec> topicSpecs(Pipeline pipeline) {
    Settings s = pipeline.settings();
    int partitions = s.integer("topics.partitions");
    int replication = s.integer("topics.replication-factor");
    List<TopicSpec> specs = new ArrayList<>();
    for (ChannelDefinition c : pipeline.channels()) {
      specs.add(TopicSpec.of(c.topic(), partitions, replication));
    }
    for (String topic : pipeline.topics().all()) {
      TopicSpec spec = TopicSpec.of(topic, partitions, replication);
      if (pipeline.topics().compacted().contains(topic)) {
        spec = spec.withConfig(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
      }
      // Retention counts from when a record was written, not from its item's event time: see OldRecordRetention.
      if (pipeline.topics().outputs().contains(topic)) {
        spec = spec.withConfig(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, TimestampType.LOG_APPEND_TIME.name);
      }
      specs.add(spec);
    }
    return specs;
  }

  public KafkaStreams streams() {
    return streams;
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  /** What puts the registry's versions into service here, and counts the ones it refused. */
  public ModelSwitcher modelSwitcher() {
    return switcher;
  }

  public boolean isRunning() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  /** The latest health sample (taken every half second): what /health/ready answers from. */
  public Health health() {
    return health.current();
  }

  /** RUNNING, connected to the cluster and not stalled, as of the latest sample (false during a broker outage). */
  public boolean isReady() {
    return health().ready();
  }

  /** Waits until RUNNING; false if that did not happen in time. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (isRunning()) {
        return true;
      }
      if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
        return false;
      }
      Thread.sleep(50);
    }
    return isRunning();
  }

  /** Blocks until the streams stop (after {@link #close()} or a fatal error). */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    closeGracefully();
  }

  /**
   * Commits in-flight work and closes the stores; false if Kafka Streams did not stop in time. When the close
   * times out, waits a while longer for the stream threads to finish (see {@link #hasStopped()}).
   */
  public synchronized boolean closeGracefully() {
    if (closedCleanly != null) {
      return closedCleanly;
    }
    health.close();
    follower.close(); // no swap while the streams stop
    reasonsFollower.ifPresent(LabelledReasonsFollower::close);
    if (!pipeline.stopAlertWork(CLOSE_TIMEOUT)) {
      log.warn("The alert worker did not finish its batch within {} s", CLOSE_TIMEOUT.toSeconds());
    }
    closedCleanly = streams.close(CLOSE_TIMEOUT);
    if (!closedCleanly) {
      log.warn("Kafka Streams did not close within {} s (state {}); waiting up to {} s more for its threads",
          CLOSE_TIMEOUT.toSeconds(), streams.state(), STOP_TIMEOUT.toSeconds());
      awaitThreadsDone(STOP_TIMEOUT);
    }
    stopped.countDown();
    return closedCleanly;
  }

  private void awaitThreadsDone(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!hasStopped() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Kafka Streams calls its state listener only after a close has seen the new state, so without this wait the
   * log could say "Closed model" before it says the streams stopped, though they had.
   */
  private void awaitFinalStateLogged() {
    try {
      finalStateLogged.await(FINAL_STATE_LOG_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether the stream threads are done (Kafka Streams NOT_RUNNING, or ERROR, which it reaches only once
   * every thread has stopped): only then may the model they call be closed.
   */
  public boolean hasStopped() {
    return streams.state().hasCompletedShutdown();
  }

  /**
   * Closes the serving models if the stream threads that score with them are done; otherwise leaves them open,
   * to be freed with the process, and says so: freeing an ONNX Runtime session under a running call crashes the
   * JVM. Call after {@link #closeGracefully()}.
   *
   * @return whether the models were closed
   */
  public boolean closeModelsIfStopped() {
    if (!hasStopped()) {
      log.error("Kafka Streams is still {} after the close: leaving models {} open rather than freeing them under "
          + "a stream thread that may still call them", streams.state(), pipeline.models().current().describe());
      return false;
    }
    awaitFinalStateLogged();
    pipeline.models().close();
    return true;
  }
}
