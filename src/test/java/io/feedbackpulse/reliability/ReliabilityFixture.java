package io.feedbackpulse.reliability;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.ModelLoading;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.service.Pipeline;
import io.feedbackpulse.service.FeedbackPulseService;
import io.feedbackpulse.streams.TopologyObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings every reliability test runs the service with: the tiny model, 4 partitions, short windows. */
final class ReliabilityFixture {
  /** Low enough that the tiny random model's negatives give alerts. */
  static final double ALERT_THRESHOLD = 0.34;

  private ReliabilityFixture() {}

  static Map<String, String> settings(String registryUrl, String applicationId) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("application.id", applicationId);
    s.put("schema.registry.url", registryUrl);
    s.put("schema.registry.auto-register", "true");
    s.put("model.dir", TINY_ROBERTA.toString());
    s.put("model.intra-op-threads", "1");
    s.put("topics.partitions", "4");
    // Event time steps 1 ms per record (Traffic). After a crash the input partitions catch up unevenly, by up
    // to ~10 s of event time here, so the grace covers the whole run and the windows close at the closing record.
    s.put("windows.size", "PT2S");
    s.put("windows.grace", "PT30S");
    s.put("alerts.negative-threshold", Double.toString(ALERT_THRESHOLD));
    s.put("errors.retry-backoff.initial", "PT0.5S");
    s.put("errors.retry-backoff.max", "PT4S");
    s.put("kafka.commit.interval.ms", "200");
    // a killed instance's partitions come back after this, not after the default 45 s
    s.put("kafka.session.timeout.ms", "6000");
    s.put("kafka.heartbeat.interval.ms", "1000");
    // A bge call for every alert would be most of these tests' CPU: reasons are the topology tests' subject,
    // and CasesIT's, which turns them back on.
    s.put("reasons.top", "0");
    return s;
  }

  static Settings build(Map<String, String> settings) {
    Settings.Builder b = Settings.builder();
    settings.forEach(b::set);
    return b.build();
  }

  static AvroSerdes avro(String registryUrl) {
    return new AvroSerdes(RegistrySettings.from(Settings.builder().set("schema.registry.url", registryUrl)
        .set("schema.registry.auto-register", "true").build()));
  }

  /** The service in this JVM, started and RUNNING. */
  static FeedbackPulseService startInProcess(String bootstrapServers, Map<String, String> settings)
      throws InterruptedException {
    return startInProcess(bootstrapServers, settings, TopologyObserver.NONE);
  }

  /** The service in this JVM, started and RUNNING, its topology's outputs seen by {@code observer}. */
  static FeedbackPulseService startInProcess(String bootstrapServers, Map<String, String> settings,
      TopologyObserver observer) throws InterruptedException {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.put("bootstrap.servers", bootstrapServers);
    Settings s = build(all);
    // The model stays open with the service (freed when the test JVM exits, after the service closed).
    SentimentModel model = ModelLoading.load(s);
    FeedbackPulseService service = FeedbackPulseService.start(new Pipeline(s, model, Clock.systemUTC(), observer));
    if (!service.awaitRunning(Duration.ofMinutes(2))) {
      service.close();
      service.closeModelsIfStopped();
      throw new IllegalStateException("the service did not reach RUNNING");
    }
    return service;
  }
}
