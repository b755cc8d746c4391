package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.App;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bench --quick with the tiny RoBERTa on an in-process broker: the JSON report is complete and sane. */
class BenchCommandIT {

  @Test
  void quickBenchEndsWithACompleteJsonReport() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = App.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute("bench", "--quick",
        "--json", "--model", TINY_ROBERTA.toString(), "--records", "64", "--latency-duration", "PT4S",
        "--progress-interval", "0");

    assertThat(exit).as(out.toString()).isZero();
    // how far each run has come is on stderr; stdout keeps the results
    assertThat(err.toString()).contains("raw model: scored 64 of 64 texts (", "batched: scored 64 of 64 records (",
        "batch1: scored 64 of 64 records (");
    assertThat(out.toString()).doesNotContain("scored 64 of 64");
    System.out.print(out);
    List<String> lines = out.toString().lines().toList();
    JsonNode report = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    for (String key : List.of("raw", "pipeline", "batch1", "shadow", "pipeline_over_raw", "batched_over_batch1",
        "offered_load", "mean_tokens", "flops_per_record", "raw_gflops_per_s", "pipeline_gflops_per_s",
        "peak_rss_mib", "language_detection_us_per_item")) {
      assertThat(report.path(key).isNumber()).as(key).isTrue();
      assertThat(report.path(key).asDouble()).as(key).isPositive().isFinite();
    }
    // the tiny RoBERTa may alert on none of the 64 texts: then no alert's reasons are timed (0)
    assertThat(report.path("reasons_us_per_alert").isNumber()).isTrue();
    assertThat(report.path("reasons_us_per_alert").asDouble()).isNotNegative().isFinite();
    assertThat(report.path("records").asInt()).isEqualTo(64);
    assertThat(report.path("dead_letters").asInt()).isZero();
    assertThat(report.path("parameters").asLong()).as("the tiny RoBERTa's ONNX initializers").isEqualTo(38_403);
    assertThat(report.path("embedding_parameters").asLong()).isStrictlyBetween(0L, 38_403L);
    assertThat(report.path("latency_records").asInt()).isPositive();
    double p50 = report.path("latency_p50_ms").asDouble();
    double p95 = report.path("latency_p95_ms").asDouble();
    double p99 = report.path("latency_p99_ms").asDouble();
    assertThat(p50).isPositive().isLessThanOrEqualTo(p95);
    assertThat(p95).isLessThanOrEqualTo(p99);
    assertThat(report.path("offered_load").asDouble())
        .isCloseTo(report.path("pipeline").asDouble() / 2, offset(0.02));
    for (String stage : List.of("decode", "model", "forward", "before_batch", "batch_wait", "commit_wait")) {
      JsonNode figures = report.path("latency_stages_ms").path(stage);
      assertThat(figures.path("count").asInt()).as(stage).isPositive();
      assertThat(figures.path("p50").asDouble()).as(stage).isNotNegative()
          .isLessThanOrEqualTo(figures.path("p99").asDouble());
    }
    assertThat(report.path("pipeline_alerts").asInt()).isNotNegative();
    assertThat(report.path("pipeline_with_alerts").asDouble()).as("counted until the alerts were out too")
        .isPositive().isLessThanOrEqualTo(report.path("pipeline").asDouble());
    assertThat(report.path("alert_latency_records").asInt()).isNotNegative();
    assertThat(report.path("settings").path("processing.guarantee").asText()).isEqualTo("exactly_once_v2");
  }
}
