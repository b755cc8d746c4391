package io.feedbackpulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.AgreementWindow;
import io.feedbackpulse.avro.ChallengeMode;
import io.feedbackpulse.avro.ComparisonKind;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ModelInfo;
import io.feedbackpulse.avro.Probabilities;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.models.ModelAssignment;
import io.feedbackpulse.models.ModelSwitcher;
import io.feedbackpulse.models.ServingModels;
import io.feedbackpulse.testing.ModelVersions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Swaps, the serving models' info gauge, and champion-vs-challenger agreement per channel. */
class ModelMetricsTest {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @TempDir
  Path dir;

  @Test
  void aSwapIsCountedAndTheInfoGaugeNamesTheModelsServingNow() {
    ModelVersions versions = new ModelVersions(dir);
    SentimentModel v1 = ModelVersions.load(versions.sameLabels("v1"));
    SentimentModel v2 = ModelVersions.load(versions.rotatedLabels("v2"));
    try (ServingModels serving = new ServingModels(v1)) {
      new ModelMetrics(serving, new ModelSwitcher(serving, m -> {
        throw new IllegalStateException("not loaded in this test");
      }, 1.0)).bindTo(registry);
      assertThat(registry.scrape()).contains("feedback_model_swaps_total 0.0", "feedback_model_refusals_total 0.0",
          "feedback_model_serving{id=\"" + v1.lineage().id() + "\",role=\"champion\",version=\"v1\"} 1.0");

      serving.serve(new ModelAssignment(v1, Optional.of(new ModelAssignment.Challenger(v2, ChallengeMode.shadow, 1))));

      String scrape = registry.scrape();
      assertThat(scrape).contains("feedback_model_swaps_total 1.0",
          "feedback_model_serving{id=\"" + v1.lineage().id() + "\",role=\"champion\",version=\"v1\"} 1.0",
          "feedback_model_serving{id=\"" + v2.lineage().id() + "\",role=\"shadow\",version=\"v2\"} 1.0");
    }
  }

  @Test
  void agreementAndKappaOfTheLastClosedWindowPerChannel() {
    ServiceMetrics metrics = new ServiceMetrics(List.of("chat"));
    metrics.bindTo(registry);
    assertThat(registry.scrape()).contains("feedback_model_kappa{channel=\"chat\"} NaN");

    metrics.agreementWindow(ModelComparison.newBuilder()
        .setKind(ComparisonKind.window).setChannel("chat").setMode(ChallengeMode.shadow)
        .setChampion(new ModelInfo("sha256:a", "v1")).setChallenger(new ModelInfo("sha256:b", "v2"))
        .setWindow(AgreementWindow.newBuilder().setWindowStart(Instant.EPOCH).setWindowEnd(Instant.EPOCH)
            .setN(100).setAgreement(0.75).setKappa(0.405 / 0.655)
            .setConfusion(List.of(List.of(20L, 5L, 0L), List.of(10L, 30L, 5L), List.of(0L, 5L, 25L)))
            .setChampionShares(new Probabilities(0.25, 0.45, 0.30))
            .setChallengerShares(new Probabilities(0.30, 0.40, 0.30))
            .setChampionMeanConfidence(0.8).setChallengerMeanConfidence(0.7).build())
        .build());

    String scrape = registry.scrape();
    assertThat(scrape).contains("feedback_model_agreement{channel=\"chat\"} 0.75",
        "feedback_model_compared{channel=\"chat\"} 100.0", "feedback_model_kappa{channel=\"chat\"} 0.6183");
  }
}
