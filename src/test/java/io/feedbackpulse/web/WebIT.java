package io.feedbackpulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP side of a running service on a real broker with sample traffic: readiness, info,
 * metrics, the windows store through interactive queries (on two instances, each answering for all
 * channels), and recent records read back from the output topics.
 */
class WebIT {
  @TempDir
  static Path dir;

  static LiveServiceFixture live;
  static ServiceWithHttp first;
  /** The first /health/ready of all, asked once the service's own health sample said ready. */
  static HttpResponse<String> firstReadinessProbe;
  static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() {
    live = new LiveServiceFixture(dir, "web-it");
    first = live.startInstance();
    live.startTraffic(20);
    await().atMost(Duration.ofSeconds(60)).until(() -> first.service().isReady());
    firstReadinessProbe = live.get(first, "/health/ready");
  }

  @AfterAll
  static void stop() {
    if (live != null) {
      live.close();
    }
  }

  @Test
  void theFirstReadinessProbeOfAReadyServiceIsReady() throws Exception {
    assertThat(firstReadinessProbe.statusCode()).as(firstReadinessProbe.body()).isEqualTo(200);
    JsonNode ready = json.readTree(firstReadinessProbe.body());
    assertThat(ready.path("status").asText()).isEqualTo("ready");
    assertThat(ready.path("streams").asText()).isEqualTo("RUNNING");
    assertThat(ready.path("connected").asBoolean()).isTrue();
    assertThat(ready.path("stalled").asBoolean()).isFalse();
    assertThat(live.get(first, "/metrics").body()).contains("feedback_ready 1.0", "feedback_stalled 0.0",
        "feedback_without_progress_seconds ");
  }

  @Test
  void infoDescribesModelTopicsAndApplication() throws Exception {
    JsonNode info = json.readTree(live.get(first, "/info").body());
    assertThat(info.path("applicationId").asText()).isEqualTo("web-it");
    assertThat(info.path("model").path("id").asText()).isNotBlank();
    assertThat(info.path("model").path("maxLength").asInt()).isEqualTo(64);
    assertThat(info.path("model").path("inputs").toString()).contains("input_ids", "attention_mask")
        .doesNotContain("token_type_ids");
    assertThat(info.path("topics").path("in").path("chat").asText()).isEqualTo("feedback.raw.chat");
    assertThat(info.path("topics").path("out").path("scored").asText()).isEqualTo("feedback.scored");
  }

  @Test
  void metricsHaveServiceKafkaStreamsAndJvmMeters() {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      HttpResponse<String> metrics = live.get(first, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(metrics.body()).contains("feedback_scored_total{channel=", "feedback_inference_latency_seconds_count",
          "feedback_inference_batch_size_count", "kafka_stream_", "jvm_memory_used_bytes", "jvm_threads_live_threads",
          "process_cpu_usage", "jvm_classes_loaded_classes", "feedback_window_share{channel=",
          "feedback_drift_js{channel=", "feedback_committed_scored_total{channel=",
          "feedback_committed_alerts_total{priority=");
    });
  }

  @Test
  void windowsComeFromTheStoreForEveryChannel() throws Exception {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      HttpResponse<String> answer = live.get(first, "/api/windows?limit=5");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(channelsWithWindows(answer.body())).contains("all", "email", "chat", "app", "social");
    });
    JsonNode chat = windows(live.get(first, "/api/windows?channel=chat&limit=1").body());
    assertThat(chat).hasSize(1);
    assertThat(chat.get(0).path("channel").asText()).isEqualTo("chat");
    assertThat(chat.get(0).path("total").asLong()).isPositive();
    double shares = chat.get(0).path("shares").path("negative").asDouble()
        + chat.get(0).path("shares").path("neutral").asDouble() + chat.get(0).path("shares").path("positive").asDouble();
    assertThat(shares).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(live.get(first, "/api/windows?channel=nope").statusCode()).isEqualTo(400);
  }

  @Test
  void recentClosedWindowsAndAlertsComeFromTheOutputTopics() {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      JsonNode distributions = json.readTree(live.get(first, "/api/distributions?channel=all&limit=3").body())
          .path("distributions");
      assertThat(distributions.size()).isBetween(1, 3);
      assertThat(distributions.get(0).path("channel").asText()).isEqualTo("all");
      assertThat(distributions.get(0).path("drift").path("jensenShannonDistance").isNumber()).isTrue();
      assertThat(distributions.get(0).path("windowEnd").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
      assertThat(json.readTree(live.get(first, "/api/alerts?limit=5").body()).path("alerts").size()).isPositive();
    });
    assertThat(live.get(first, "/api/drift").statusCode()).isEqualTo(200);
  }

  @Test
  void aSecondInstanceSharesTheStoreAndBothAnswerForAllChannels() {
    ServiceWithHttp second = live.startInstance();
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      assertThat(live.get(first, "/health/ready").statusCode()).isEqualTo(200);
      assertThat(live.get(second, "/health/ready").statusCode()).isEqualTo(200);
      Set<String> localToFirst = channelsWithWindows(live.get(first, "/api/windows?local=true").body());
      Set<String> localToSecond = channelsWithWindows(live.get(second, "/api/windows?local=true").body());
      assertThat(localToFirst).as("each instance hosts some channels").isNotEmpty();
      assertThat(localToSecond).as("each instance hosts some channels").isNotEmpty();
      assertThat(localToFirst).doesNotContainAnyElementsOf(localToSecond);
      for (ServiceWithHttp instance : new ServiceWithHttp[] {first, second}) {
        HttpResponse<String> all = live.get(instance, "/api/windows?limit=3");
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(channelsWithWindows(all.body())).contains("all", "email", "chat", "app", "social");
      }
    });
  }

  private static JsonNode windows(String body) throws Exception {
    return json.readTree(body).path("windows");
  }

  private static Set<String> channelsWithWindows(String body) throws Exception {
    Set<String> channels = new HashSet<>();
    windows(body).forEach(w -> channels.add(w.path("channel").asText()));
    return channels;
  }
}
