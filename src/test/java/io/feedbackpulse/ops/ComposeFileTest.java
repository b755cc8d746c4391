package io.feedbackpulse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.feedbackpulse.App;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.ingest.ChannelDefinition;
import io.feedbackpulse.ingest.ChannelSettings;
import io.feedbackpulse.pipeline.EndedSteps;
import io.feedbackpulse.pipeline.RecentRuns;
import io.feedbackpulse.web.PipelineMetrics;
import io.feedbackpulse.web.PrometheusMetrics;
import io.feedbackpulse.web.ServiceMetrics;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml and the files it mounts are wired to each other and to what the service exposes. */
class ComposeFileTest {
  private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "offset", "bool", "inf", "nan");

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
  private final ObjectMapper json = new ObjectMapper();
  private final JsonNode services = read(yaml, Path.of("docker-compose.yml")).path("services");

  @Test
  void theStackHasItsServices() {
    assertThat(names(services)).containsExactlyInAnyOrder(
        "kafka", "schema-registry", "schema-init", "feedback-pulse", "prometheus", "grafana");
    assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:");
    assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
        .isEqualTo("broker,controller");
    assertThat(services.path("schema-registry").path("image").asText()).startsWith("apicurio/apicurio-registry:");
    assertThat(services.path("prometheus").path("image").asText()).startsWith("prom/prometheus:");
    assertThat(services.path("grafana").path("image").asText()).startsWith("grafana/grafana:");
  }

  @Test
  void hostPortsAreTheDocumentedOnes() {
    assertThat(hostPorts("kafka")).containsEntry(9092, 9092);
    assertThat(hostPorts("schema-registry")).containsEntry(8081, 8080);
    assertThat(hostPorts("feedback-pulse")).containsEntry(8080, 8080);
    assertThat(hostPorts("prometheus")).containsEntry(9090, 9090);
    assertThat(hostPorts("grafana")).containsEntry(3000, 3000);
  }

  @Test
  void feedbackPulseReachesKafkaOnAnAdvertisedListenerAndTheRegistryOnItsCcompatApi() {
    Settings settings = settings("feedback-pulse");
    String advertised = services.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText();

    assertThat(settings.string("bootstrap.servers")).startsWith("kafka:");
    assertThat(advertised).contains("://" + settings.string("bootstrap.servers"));
    assertRegistryUrl(settings.string("schema.registry.url"));
    assertThat(settings.bool("schema.registry.auto-register")).isFalse();
    assertThat(settings.string("http.host")).isEqualTo("0.0.0.0");
    assertThat(hostPorts("feedback-pulse")).containsValue(settings.integer("http.port"));
    assertThat(services.path("feedback-pulse").path("command").get(0).asText()).isEqualTo("run");
    assertThat(services.path("feedback-pulse").path("depends_on").path("kafka").path("condition").asText())
        .isEqualTo("service_healthy");
    assertThat(services.path("feedback-pulse").path("depends_on").path("schema-init").path("condition").asText())
        .isEqualTo("service_completed_successfully");
  }

  @Test
  void schemaInitRunsRegisterSchemasAgainstTheSameRegistry() {
    List<String> command = strings(services.path("schema-init").path("command"));

    assertThat(command.get(0)).isEqualTo("register-schemas");
    App.commandLine().parseArgs(command.toArray(String[]::new)); // throws on an unknown option
    assertThat(settings("schema-init").string("schema.registry.url"))
        .isEqualTo(settings("feedback-pulse").string("schema.registry.url"));
  }

  @Test
  void prometheusScrapesTheServicesMetricsEndpoint() {
    JsonNode config = read(yaml, mountedFile("prometheus", "/etc/prometheus/prometheus.yml"));
    Settings service = settings("feedback-pulse");

    List<String> scraped = new ArrayList<>();
    for (JsonNode job : config.path("scrape_configs")) {
      String path = job.path("metrics_path").asText("/metrics");
      for (JsonNode staticConfig : job.path("static_configs")) {
        strings(staticConfig.path("targets")).forEach(target -> scraped.add(target + path));
      }
    }
    assertThat(scraped).contains("feedback-pulse:" + service.integer("http.port") + "/metrics");
  }

  @Test
  void grafanaReadsPrometheusAndTheMountedDashboard() {
    Path provisioning = mountedDirectory("grafana", "/etc/grafana/provisioning");
    JsonNode datasource = read(yaml, provisioning.resolve("datasources/prometheus.yml")).path("datasources").get(0);
    JsonNode provider = read(yaml, provisioning.resolve("dashboards/feedback-pulse.yml")).path("providers").get(0);
    String dashboardsInContainer = provider.path("options").path("path").asText();

    assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
    assertThat(datasource.path("url").asText())
        .isEqualTo("http://prometheus:" + hostPorts("prometheus").get(9090));
    assertThat(mountedDirectory("grafana", dashboardsInContainer).resolve("feedback-pulse.json")).isRegularFile();
    for (JsonNode panel : dashboard().path("panels")) {
      assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
          .isEqualTo(datasource.path("uid").asText());
    }
  }

  @Test
  void everyMetricTheDashboardQueriesIsOneTheServiceExposes() {
    Set<String> queried = dashboardMetrics();
    Set<String> exposed = exposedMetrics();

    assertThat(queried).allSatisfy(metric -> assertThat(
        exposed.contains(metric) || metric.startsWith("kafka_stream_") || metric.startsWith("jvm_"))
        .as("%s is not a metric of feedback-pulse", metric).isTrue());
    assertThat(queried).contains("feedback_scored_total", "feedback_inference_latency_seconds_bucket",
        "feedback_inference_batch_size_sum", "feedback_dead_letters_total", "feedback_alerts_total",
        "feedback_window_share", "feedback_drift_js", "feedback_drift_psi", "feedback_pipeline_step_seconds_sum",
        "feedback_pipeline_step_seconds_count", "feedback_pipeline_runs_total", "feedback_pipeline_run_in_progress");
  }

  @Test
  void metricNamesAreFoundInPromQl() {
    assertThat(metricNames("histogram_quantile(0.95, sum by (le) (rate(feedback_inference_latency_seconds_bucket[5m])))"))
        .containsExactly("feedback_inference_latency_seconds_bucket");
    assertThat(metricNames("sum by (reason) (rate(feedback_dead_leters_total{reason=~\"a|b\"}[5m])) * 60"))
        .containsExactly("feedback_dead_leters_total");
    assertThat(metricNames("a_total / on (channel) group_left b_total offset 5m"))
        .containsExactly("a_total", "b_total");
  }

  private Set<String> dashboardMetrics() {
    Set<String> metrics = new TreeSet<>();
    for (JsonNode panel : dashboard().path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        metrics.addAll(metricNames(target.path("expr").asText()));
      }
    }
    for (JsonNode variable : dashboard().path("templating").path("list")) {
      Matcher m = Pattern.compile("label_values\\((\\w+)").matcher(variable.path("definition").asText());
      while (m.find()) {
        metrics.add(m.group(1));
      }
    }
    return metrics;
  }

  /**
   * The series a starting service exposes on /metrics before any traffic: its meters are registered at start (each
   * channel and label, each pipeline step and status, at 0), so this is what Prometheus scrapes from a fresh instance.
   */
  private static Set<String> exposedMetrics() {
    List<String> channels = ChannelSettings.from(Settings.defaults()).stream().map(ChannelDefinition::name).toList();
    try (PrometheusMetrics metrics = new PrometheusMetrics()) {
      new ServiceMetrics(channels).bindTo(metrics.registry());
      new PipelineMetrics(new RecentRuns(), new EndedSteps(Instant.now())).bindTo(metrics.registry());
      Set<String> names = new TreeSet<>();
      for (String line : metrics.scrape().split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line.split("[{ ]", 2)[0]);
        }
      }
      return names;
    }
  }

  static Set<String> metricNames(String promQl) {
    String bare = promQl
        .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
        .replaceAll("\\{[^}]*}", "")
        .replaceAll("\\[[^]]*]", "")
        .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "")
        .replaceAll("\\b(?:offset)\\s+\\w+", "");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()").matcher(bare);
    while (m.find()) {
      if (!PROMQL_WORDS.contains(m.group().toLowerCase()) && !m.group().matches("group_(left|right)")) {
        names.add(m.group());
      }
    }
    return names;
  }

  private void assertRegistryUrl(String url) {
    URI registry = URI.create(url);
    assertThat(registry.getHost()).isEqualTo("schema-registry");
    assertThat(registry.getPath()).isEqualTo("/apis/ccompat/v7");
    assertThat(hostPorts("schema-registry")).containsValue(registry.getPort());
  }

  /** The service's settings as the container's FEEDBACK_PULSE_* environment makes them; unknown names fail. */
  private Settings settings(String service) {
    Map<String, String> env = new HashMap<>();
    services.path(service).path("environment").fields()
        .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    Set<String> known = new TreeSet<>();
    Settings.defaults().asMap().keySet().forEach(key -> known.add(Settings.envName(key)));
    assertThat(env.keySet()).allSatisfy(name -> assertThat(known.contains(name)
        || name.startsWith(Settings.ENV_PREFIX + "KAFKA_")).as("%s is no setting", name).isTrue());
    return Settings.builder().environment(env).build();
  }

  /** Host port -> container port. */
  private Map<Integer, Integer> hostPorts(String service) {
    Map<Integer, Integer> ports = new HashMap<>();
    for (String mapping : strings(services.path(service).path("ports"))) {
      String[] parts = mapping.split(":");
      ports.put(Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
    }
    return ports;
  }

  private Path mountedFile(String service, String containerPath) {
    for (String volume : strings(services.path(service).path("volumes"))) {
      String[] parts = volume.split(":");
      if (parts[1].equals(containerPath)) {
        return Path.of(parts[0]);
      }
    }
    throw new AssertionError(service + " mounts nothing at " + containerPath);
  }

  private Path mountedDirectory(String service, String containerPath) {
    Path directory = mountedFile(service, containerPath);
    assertThat(directory).isDirectory();
    return directory;
  }

  private JsonNode dashboard() {
    return read(json, mountedDirectory("grafana", "/var/lib/grafana/dashboards").resolve("feedback-pulse.json"));
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(node -> out.add(node.asText()));
    return out;
  }

  private static JsonNode read(ObjectMapper mapper, Path file) {
    try {
      return mapper.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }
}
