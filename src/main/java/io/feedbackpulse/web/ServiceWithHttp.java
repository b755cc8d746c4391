package io.feedbackpulse.web;

import com.sun.net.httpserver.HttpHandler;
import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.ComparisonKind;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.ingest.ChannelSettings;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.pipeline.EndedSteps;
import io.feedbackpulse.pipeline.RecentRuns;
import io.feedbackpulse.ingest.ChannelDefinition;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.service.FeedbackPulseService;
import io.feedbackpulse.service.Pipeline;
import io.feedbackpulse.service.StreamsProperties;
import io.feedbackpulse.service.TopicTail;
import io.feedbackpulse.quality.LocalQuality;
import io.feedbackpulse.streams.TopicNames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The service with its HTTP side: health, info, Prometheus metrics, the query API and the dashboard.
 * The port is bound first, so Kafka Streams can be told this instance's application.server (unless
 * kafka.application.server is set); then the streams start; then the endpoints serve.
 */
public final class ServiceWithHttp implements AutoCloseable {
  private final WebServer server;
  private final PrometheusMetrics metrics;
  private final FeedbackPulseService service;
  private final List<TopicTail> tails;
  private final HostInfo self;

  private ServiceWithHttp(WebServer server, PrometheusMetrics metrics, FeedbackPulseService service,
      List<TopicTail> tails, HostInfo self) {
    this.server = server;
    this.metrics = metrics;
    this.service = service;
    this.tails = tails;
    this.self = self;
  }

  public static ServiceWithHttp start(Settings settings, SentimentModel model, Clock clock) {
    WebServer server = WebServer.bind(settings.string("http.host"), settings.integer("http.port"));
    PrometheusMetrics metrics = new PrometheusMetrics();
    FeedbackPulseService service = null;
    TopicTail tail = null;
    TopicTail committedTail = null;
    TopicTail runsTail = null;
    try {
      String advertised = settings.optional("http.advertised-host").orElse(settings.string("http.host"));
      String applicationServer = settings.kafka().getOrDefault("application.server", advertised + ":" + server.port());
      HostInfo self = HostInfo.buildFromEndpoint(applicationServer);
      List<String> channels = ChannelSettings.from(settings).stream().map(ChannelDefinition::name).toList();
      ServiceMetrics serviceMetrics = new ServiceMetrics(channels);
      serviceMetrics.bindTo(metrics.registry());
      Pipeline pipeline = new Pipeline(settings.with("kafka.application.server", applicationServer), model, clock,
          serviceMetrics);
      service = FeedbackPulseService.start(pipeline);
      metrics.bind(service.streams());
      new HealthMetrics(service::health).bindTo(metrics.registry());
      new ModelMetrics(pipeline.models(), service.modelSwitcher()).bindTo(metrics.registry());

      int recentItems = settings.integer("http.recent-items");
      AvroSerdes avro = new AvroSerdes(RegistrySettings.from(settings));
      TopicNames topics = pipeline.topics();
      RecentRecords<Map<String, Object>> drift = new RecentRecords<>(recentItems);
      RecentRecords<Map<String, Object>> alerts = new RecentRecords<>(recentItems);
      RecentRecords<Map<String, Object>> distributions = new RecentRecords<>(recentItems);
      RecentRecords<Map<String, Object>> comparisons = new RecentRecords<>(recentItems);
      tail = new TopicTail(StreamsProperties.clientProperties(settings), "feedback-pulse-web-tail", List.of(
          follow(topics.drift(), avro, DriftEvent.class, drift),
          follow(topics.alerts(), avro, SupportAlert.class, alerts),
          follow(topics.distribution(), avro, LabelDistribution.class, distributions),
          new TopicTail.Follow<>(topics.modelComparison(), avro.specific(ModelComparison.class, false).deserializer(),
              c -> {
                if (c.getKind() == ComparisonKind.window) {
                  comparisons.add(AvroJson.toMap(c));
                }
              })), recentItems).start();
      CommittedOutputMetrics committed = new CommittedOutputMetrics(channels);
      committed.bindTo(metrics.registry());
      committedTail = new TopicTail(StreamsProperties.clientProperties(settings), "feedback-pulse-committed-outputs",
          List.of(new TopicTail.Follow<>(topics.scored(), avro.specific(ScoredFeedback.class, false).deserializer(),
                  committed::scored),
              new TopicTail.Follow<>(topics.deadLetter(), avro.specific(DeadLetter.class, false).deserializer(),
                  committed::deadLetter),
              new TopicTail.Follow<>(topics.alerts(), avro.specific(SupportAlert.class, false).deserializer(),
                  committed::alert)), 0).start();

      RecentRuns runs = new RecentRuns();
      PipelineMetrics pipelineMetrics = new PipelineMetrics(runs, new EndedSteps(clock.instant()));
      pipelineMetrics.bindTo(metrics.registry());
      // from the beginning: compacted, one record per run (the latest), so every run the topic keeps
      runsTail = new TopicTail(StreamsProperties.clientProperties(settings), "feedback-pulse-pipeline-runs",
          List.of(new TopicTail.Follow<>(topics.pipelineRuns(), avro.specific(PipelineRun.class, false).deserializer(),
              runs.andThen(pipelineMetrics::changed))), TopicTail.FROM_THE_BEGINNING).start();

      List<String> windowKeys = new ArrayList<>(pipeline.channels().stream().map(ChannelDefinition::name).toList());
      windowKeys.add(TopicNames.ALL_CHANNELS);

      Map<String, HttpHandler> endpoints = new LinkedHashMap<>();
      endpoints.put("/health/live", HealthEndpoints.live());
      endpoints.put("/health/ready", HealthEndpoints.ready(service::health));
      // asked each time: the models serving change with the registry
      endpoints.put("/info", exchange -> Responses.sendJson(exchange, 200, ServiceInfo.of(pipeline)));
      endpoints.put("/metrics", new MetricsEndpoint(metrics));
      RemoteInstance remote = new RemoteInstance();
      endpoints.put("/api/windows", new WindowsEndpoint(service.streams(),
          new LocalWindows(service.streams(), settings.duration("windows.size")), remote, self, windowKeys));
      endpoints.put("/api/quality", new QualityEndpoint(service.streams(), new LocalQuality(service.streams(),
          pipeline.groundTruth().options().window(), pipeline.groundTruth().thresholds()), remote, self, windowKeys));
      endpoints.put("/api/drift", new RecentEndpoint("drift", drift, recentItems, windowKeys));
      endpoints.put("/api/alerts", new RecentEndpoint("alerts", alerts, recentItems, windowKeys));
      endpoints.put("/api/distributions", new RecentEndpoint("distributions", distributions, recentItems, windowKeys));
      endpoints.put("/api/comparisons", new RecentEndpoint("comparisons", comparisons, recentItems, windowKeys));
      endpoints.put("/api/pipeline/runs", exchange -> Responses.sendJson(exchange, 200, Map.of("runs",
          runs.newest(recentItems).stream().map(AvroJson::toMap).toList())));
      endpoints.put("/webjars/", new ClasspathFiles("/webjars/", "/META-INF/resources/webjars/", null));
      endpoints.put("/", new ClasspathFiles("/", "/web/", "dashboard.html"));
      server.serve(endpoints);
      return new ServiceWithHttp(server, metrics, service, List.of(tail, committedTail, runsTail), self);
    } catch (RuntimeException e) {
      closeQuietly(tail);
      closeQuietly(committedTail);
      closeQuietly(runsTail);
      if (service != null) {
        service.close();
      }
      metrics.close();
      server.close();
      throw e;
    }
  }

  private static <T extends SpecificRecord> TopicTail.Follow<T> follow(String topic, AvroSerdes avro, Class<T> type,
      RecentRecords<Map<String, Object>> into) {
    return new TopicTail.Follow<>(topic, avro.specific(type, false).deserializer(),
        record -> into.add(AvroJson.toMap(record)));
  }

  public FeedbackPulseService service() {
    return service;
  }

  /** The address this instance serves on, as advertised to the other instances. */
  public String url() {
    return "http://" + self.host() + ":" + server.port() + "/";
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    closeGracefully();
  }

  /** Stops serving, then commits in-flight work and closes the stores; false if Kafka Streams did not stop in time. */
  public boolean closeGracefully() {
    server.close();
    tails.forEach(ServiceWithHttp::closeQuietly);
    boolean clean = service.closeGracefully();
    metrics.close();
    return clean;
  }

  private static void closeQuietly(TopicTail tail) {
    if (tail == null) {
      return;
    }
    try {
      tail.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
