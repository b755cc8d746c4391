package io.feedbackpulse.web;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;

import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.demo.SampleTraffic;
import io.feedbackpulse.demo.TrafficPump;
import io.feedbackpulse.inference.ModelLoading;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real in-process broker and schema registry, instances of the service with their HTTP side
 * (tiny RoBERTa model, windows of two seconds, ephemeral ports) and the demo's sample traffic.
 */
final class LiveServiceFixture implements AutoCloseable {

  final EmbeddedKafkaBroker broker;
  final InMemorySchemaRegistry registry;
  final List<ServiceWithHttp> instances = new ArrayList<>();
  private final Path dir;
  private final String applicationId;
  private final HttpClient client = HttpClient.newHttpClient();
  private TrafficPump pump;

  LiveServiceFixture(Path dir, String applicationId) {
    this.dir = dir;
    this.applicationId = applicationId;
    this.broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
    this.registry = InMemorySchemaRegistry.start();
  }

  ServiceWithHttp startInstance() {
    return startInstance(Map.of());
  }

  /** @param overrides settings over the fixture's own */
  ServiceWithHttp startInstance(Map<String, String> overrides) {
    int n = instances.size();
    Settings.Builder settings = Settings.builder()
        .set("bootstrap.servers", broker.bootstrapServers())
        .set("schema.registry.url", registry.url())
        .set("schema.registry.auto-register", "true")
        .set("application.id", applicationId)
        .set("model.dir", TINY_ROBERTA.toString())
        .set("model.intra-op-threads", "1")
        .set("topics.partitions", "2")
        .set("topics.replication-factor", "1")
        .set("windows.size", "PT2S")
        .set("windows.grace", "PT1S")
        .set("http.host", "127.0.0.1")
        .set("http.port", "0")
        .set("kafka.state.dir", dir.resolve("state-" + n).toString())
        .set("kafka.commit.interval.ms", "100");
    overrides.forEach(settings::set);
    Settings built = settings.build();
    ServiceWithHttp instance = ServiceWithHttp.start(built, ModelLoading.load(built), Clock.systemUTC());
    instances.add(instance);
    return instance;
  }

  void startTraffic(double recordsPerSecond) {
    pump = TrafficPump.start(broker.bootstrapServers(), SampleTraffic.fromCommittedSample(7), recordsPerSecond);
  }

  HttpResponse<String> get(ServiceWithHttp instance, String path) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + path))
          .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("GET " + path + " failed: " + e, e);
    }
  }

  @Override
  public void close() {
    if (pump != null) {
      pump.close();
    }
    for (ServiceWithHttp instance : instances) {
      instance.close();
      instance.service().closeModelsIfStopped();
    }
    registry.close();
    broker.close();
  }
}
