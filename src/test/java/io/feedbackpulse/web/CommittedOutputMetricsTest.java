package io.feedbackpulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.AlertPriority;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommittedOutputMetricsTest {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final CommittedOutputMetrics metrics = new CommittedOutputMetrics(List.of("app"));

  @Test
  void theCountersAreThereAtZeroFromTheStartAndCountWhatWasCommitted() {
    metrics.bindTo(registry);
    assertThat(registry.scrape()).contains("feedback_committed_scored_total{channel=\"app\",label=\"neutral\"} 0.0",
        "feedback_committed_dead_letters_total{reason=\"wrong_schema\"} 0.0",
        "feedback_committed_dead_letters_total{reason=\"output_refused\"} 0.0",
        "feedback_committed_alerts_total{priority=\"LOW\"} 0.0");

    metrics.scored(ServiceMetricsTest.scored("app", "neutral", 10, 1));
    metrics.alert(ServiceMetricsTest.alert(AlertPriority.MEDIUM));

    assertThat(registry.scrape()).contains("feedback_committed_scored_total{channel=\"app\",label=\"neutral\"} 1.0",
        "feedback_committed_alerts_total{priority=\"MEDIUM\"} 1.0");
  }
}
