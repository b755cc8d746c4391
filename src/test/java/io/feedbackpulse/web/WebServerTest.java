package io.feedbackpulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import io.feedbackpulse.service.Health;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP plumbing on a real JDK server: read-only endpoints, health, files from the classpath and the WebJar. */
class WebServerTest {
  final AtomicReference<Health> health = new AtomicReference<>(sample(KafkaStreams.State.REBALANCING, true, false));
  final HttpClient client = HttpClient.newHttpClient();
  WebServer server;

  @BeforeEach
  void start() {
    server = WebServer.bind("127.0.0.1", 0);
    Map<String, HttpHandler> endpoints = new LinkedHashMap<>();
    endpoints.put("/health/live", HealthEndpoints.live());
    endpoints.put("/health/ready", HealthEndpoints.ready(health::get));
    endpoints.put("/api/comparisons", new RecentEndpoint("comparisons", new RecentRecords<>(10), 10,
        List.of("chat", "all")));
    endpoints.put("/webjars/", new ClasspathFiles("/webjars/", "/META-INF/resources/webjars/", null));
    endpoints.put("/", new ClasspathFiles("/", "/web/", "dashboard.html"));
    server.serve(endpoints);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readyOnlyWhileStreamsRunWithAReasonOtherwise() throws Exception {
    HttpResponse<String> notReady = get("/health/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).contains("\"reason\":\"Kafka Streams is REBALANCING, not RUNNING\"");
    assertThat(notReady.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));

    health.set(sample(KafkaStreams.State.RUNNING, true, false));
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void runningWithoutAConnectionToTheClusterIsNotReady() {
    assertThat(sample(KafkaStreams.State.RUNNING, false, false).notReadyBecause())
        .contains("no connection to the Kafka cluster");
  }

  @Test
  void aStallIsNotReadyWithItsReasonAndShowsInTheGauges() throws Exception {
    health.set(sample(KafkaStreams.State.RUNNING, true, true));
    HttpResponse<String> stalled = get("/health/ready");
    assertThat(stalled.statusCode()).isEqualTo(503);
    assertThat(stalled.body()).contains("\"reason\":\"stalled: records are waiting (consumer lag 12, 3 pending inference)"
        + " and nothing was committed for 75 s\"", "\"stalled\":true", "\"secondsWithoutProgress\":75.5",
        "\"pendingAlerts\":2");

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new HealthMetrics(health::get).bindTo(registry);
    assertThat(registry.scrape()).contains("feedback_stalled 1.0", "feedback_ready 0.0",
        "feedback_without_progress_seconds 75.5");
    health.set(sample(KafkaStreams.State.RUNNING, true, false));
    assertThat(registry.scrape()).contains("feedback_stalled 0.0", "feedback_ready 1.0",
        "feedback_alerts_stalled 0.0");

    // scoring commits, but the alert worker finished nothing for 61 s while 5 items wait behind it
    health.set(new Health(Instant.EPOCH, KafkaStreams.State.RUNNING, true, 0, 0, 5, Duration.ZERO, false,
        Duration.ofSeconds(61), true));
    HttpResponse<String> alertsStalled = get("/health/ready");
    assertThat(alertsStalled.statusCode()).isEqualTo(503);
    assertThat(alertsStalled.body()).contains("\"reason\":\"alerts stalled: 5 items wait for the alert worker, "
        + "which finished no batch for 61 s\"", "\"alertsStalled\":true", "\"secondsWithoutAlertProgress\":61.0",
        "\"stalled\":false");
    assertThat(registry.scrape()).contains("feedback_alerts_stalled 1.0", "feedback_stalled 0.0", "feedback_ready 0.0");
    registry.close();
  }

  private static Health sample(KafkaStreams.State streams, boolean connected, boolean stalled) {
    return stalled
        ? new Health(Instant.EPOCH, streams, connected, 12, 3, 2, Duration.ofMillis(75_500), true,
            Duration.ZERO, false)
        : new Health(Instant.EPOCH, streams, connected, 0, 0, 0, Duration.ZERO, false, Duration.ZERO, false);
  }

  @Test
  void everyEndpointRefusesMethodsThatCouldChangeState() throws Exception {
    for (String path : new String[] {"/health/live", "/", "/webjars/echarts/5.3.1/dist/echarts.min.js"}) {
      HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri(path))
          .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).as(path).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }
  }

  @Test
  void servesTheDashboardAndEChartsFromTheWebJar() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(page.body()).contains("webjars/echarts/5.3.1/dist/echarts.min.js", "dashboard.js");
    assertThat(get("/dashboard.js").body()).contains("echarts.init");
    HttpResponse<String> echarts = get("/webjars/echarts/5.3.1/dist/echarts.min.js");
    assertThat(echarts.statusCode()).isEqualTo(200);
    assertThat(echarts.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
    assertThat(echarts.body()).contains("echarts");
  }

  @Test
  void unknownFilesAndEscapesAreNotFound() throws Exception {
    assertThat(get("/nothing-here.js").statusCode()).isEqualTo(404);
    assertThat(get("/webjars/../web/dashboard.html").statusCode()).isEqualTo(404);
    assertThat(get("/webjars/%2e%2e/web/dashboard.html").statusCode()).isEqualTo(404);
  }

  @Test
  void aChannelThatIsNoneOfTheServicesIsABadRequestInJson() throws Exception {
    assertThat(get("/api/comparisons?channel=chat").statusCode()).isEqualTo(200);
    for (String channel : List.of("%00", "nope")) {
      HttpResponse<String> response = get("/api/comparisons?channel=" + channel);
      assertThat(response.statusCode()).as(channel).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
      assertThat(response.body()).as(channel).startsWith("{\"error\":\"unknown channel '").contains("known: [chat, all]");
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
