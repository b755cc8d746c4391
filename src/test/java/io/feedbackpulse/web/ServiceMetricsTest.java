package io.feedbackpulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.AlertPriority;
import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.DriftStatistics;
import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.Probabilities;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.ScoredReason;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.Timings;
import io.feedbackpulse.ingest.RejectReason;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceMetricsTest {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final ServiceMetrics metrics = new ServiceMetrics(List.of("email", "chat"));

  @BeforeEach
  void bind() {
    metrics.bindTo(registry);
  }

  @Test
  void everyCounterADashboardShowsIsThereAtZeroFromTheStart() {
    String scrape = registry.scrape();

    for (String reason : List.of("null_value", "invalid_json", "unknown_schema_id", "unknown_topic", "record_too_large",
        "inference_failed", "unexpected_error", "undeserializable", "output_too_large", "unserializable_output",
        "output_refused")) {
      assertThat(scrape).contains("feedback_dead_letters_total{reason=\"" + reason + "\"} 0.0");
    }
    assertThat(registry.find("feedback.dead.letters").counters()).hasSize(RejectReason.values().length + 6);
    for (String priority : List.of("LOW", "MEDIUM", "HIGH")) {
      assertThat(scrape).contains("feedback_alerts_total{priority=\"" + priority + "\"} 0.0");
    }
    for (String channel : List.of("email", "chat")) {
      for (String label : List.of("negative", "neutral", "positive")) {
        assertThat(scrape).contains("feedback_scored_total{channel=\"" + channel + "\",label=\"" + label + "\"} 0.0");
      }
      assertThat(scrape).contains("feedback_truncated_total{channel=\"" + channel + "\"} 0.0",
          "feedback_event_time_replaced_total{channel=\"" + channel + "\",source=\"wall_clock\"} 0.0");
    }
  }

  @Test
  void countsDuplicatesByChannel() {
    Feedback copy = Feedback.newBuilder().setId("chat:c-1").setChannel("chat").setSourceId("c-1")
        .setEventTime(Instant.EPOCH).setOriginalText("hi").setText("hi").build();
    metrics.duplicate(copy);
    metrics.duplicate(copy);
    assertThat(registry.get("feedback.duplicates").tags("channel", "chat").counter().count()).isEqualTo(2);
    assertThat(registry.scrape()).contains("feedback_duplicates_total{channel=\"chat\"} 2.0");
  }

  @Test
  void countsScoredItemsByChannelAndLabelAndRecordsTheirModelCall() {
    metrics.scored(scored("chat", "negative", 4000, 8));
    metrics.scored(scored("chat", "negative", 2000, 8));
    metrics.scored(scored("email", "positive", 1000, 1));

    assertThat(registry.get("feedback.scored").tags("channel", "chat", "label", "negative").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("feedback.scored").tags("channel", "email", "label", "positive").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("feedback.inference.latency").timer().totalTime(TimeUnit.MICROSECONDS)).isEqualTo(7000);
    assertThat(registry.get("feedback.inference.batch.size").summary().max()).isEqualTo(8);
    assertThat(registry.scrape()).contains("feedback_scored_total{channel=\"chat\",label=\"negative\"} 2.0",
        "feedback_inference_latency_seconds_bucket", "feedback_inference_batch_size_bucket");
  }

  @Test
  void countsDeadLettersByReasonAndAlertsByPriority() {
    metrics.deadLetter(DeadLetter.newBuilder().setReason("empty_text").setDetail("").setSourceTopic("t")
        .setPartition(0).setOffset(1).setRecordTimestamp(Instant.EPOCH).setFailedAt(Instant.EPOCH).build());
    metrics.alert(alert(AlertPriority.HIGH));
    metrics.alert(alert(AlertPriority.HIGH));

    assertThat(registry.get("feedback.dead.letters").tag("reason", "empty_text").counter().count()).isEqualTo(1);
    // as the records spell it
    assertThat(registry.get("feedback.alerts").tag("priority", "HIGH").counter().count()).isEqualTo(2);
    assertThat(registry.scrape()).contains("feedback_alerts_total{priority=\"HIGH\"} 2.0",
        "feedback_alerts_total{priority=\"MEDIUM\"} 0.0");
  }

  @Test
  void countsEachReasonOfAnAlertByChannel() {
    metrics.alert(SupportAlert.newBuilder(alert(AlertPriority.HIGH))
        .setReasons(List.of(new ScoredReason("delivery", 0.8), new ScoredReason("price", 0.6))).build());
    metrics.alert(SupportAlert.newBuilder(alert(AlertPriority.LOW))
        .setReasons(List.of(new ScoredReason("delivery", 0.7))).build());
    metrics.alert(alert(AlertPriority.LOW));

    assertThat(registry.get("feedback.alert.reasons").tags("channel", "chat", "reason", "delivery").counter().count())
        .isEqualTo(2);
    assertThat(registry.scrape()).contains("feedback_alert_reasons_total{channel=\"chat\",reason=\"price\"} 1.0");
  }

  @Test
  void windowGaugesAndDriftEventCountersAreThereBeforeTheFirstWindow() {
    String scrape = registry.scrape();

    for (String channel : List.of("email", "chat", "all")) {
      assertThat(scrape).contains("feedback_window_share{channel=\"" + channel + "\",label=\"negative\"} NaN",
          "feedback_drift_js{channel=\"" + channel + "\"} NaN", "feedback_drift_psi{channel=\"" + channel + "\"} NaN");
      for (String kind : List.of("label", "confidence", "bias", "quality", "reason")) {
        assertThat(scrape).contains("feedback_drift_events_total{channel=\"" + channel + "\",kind=\"" + kind + "\"} 0.0");
      }
    }
  }

  @Test
  void countsDriftEventsByChannelAndKind() {
    DriftEvent event = DriftEvent.newBuilder().setChannel("chat").setKind("label").setStatistic("psi").setValue(0.3)
        .setThreshold(0.25).setWindowStart(Instant.EPOCH).setWindowEnd(Instant.EPOCH.plusSeconds(300)).setTotal(120)
        .setReference("baseline:m1").setReferenceShares(new Probabilities(0.2, 0.3, 0.5))
        .setCurrentShares(new Probabilities(0.5, 0.2, 0.3)).build();
    metrics.driftEvent(event);
    metrics.driftEvent(event);

    assertThat(registry.get("feedback.drift.events").tags("channel", "chat", "kind", "label").counter().count())
        .isEqualTo(2);
  }

  @Test
  void gaugesFollowTheLastClosedWindowOfEachChannel() {
    metrics.windowClosed(window("chat", 0.5, 0.2, 0.3, 0.12, 0.4));
    metrics.windowClosed(window("chat", 0.1, 0.1, 0.8, 0.05, 0.02));
    metrics.windowClosed(window("email", 0.2, 0.2, 0.6, 0.07, 0.03));

    assertThat(registry.get("feedback.window.share").tags("channel", "chat", "label", "positive").gauge().value())
        .isEqualTo(0.8);
    assertThat(registry.get("feedback.drift.js").tag("channel", "chat").gauge().value()).isEqualTo(0.05);
    assertThat(registry.get("feedback.drift.psi").tag("channel", "email").gauge().value()).isEqualTo(0.03);
    assertThat(registry.scrape()).contains("feedback_window_share{channel=\"email\",label=\"negative\"} 0.2");
  }

  @Test
  void aChannelNotKnownAtStartGetsItsWindowGaugesWithItsFirstWindow() {
    metrics.windowClosed(window("survey", 0.1, 0.1, 0.8, 0.05, 0.02));

    assertThat(registry.get("feedback.window.share").tags("channel", "survey", "label", "positive").gauge().value())
        .isEqualTo(0.8);
    assertThat(registry.get("feedback.drift.psi").tag("channel", "survey").gauge().value()).isEqualTo(0.02);
  }

  @Test
  void countsItemsWhoseEventTimeWasReplacedAndItemsCutShort() {
    ScoredFeedback aheadAndLong = scored("chat", "negative", 10, 1);
    aheadAndLong.getFeedback().setEventTimeSource("record_timestamp_payload_out_of_range");
    aheadAndLong.setTruncated(true);
    metrics.scored(aheadAndLong);
    metrics.scored(scored("chat", "negative", 10, 1));

    assertThat(registry.get("feedback.event.time.replaced")
        .tags("channel", "chat", "source", "record_timestamp_payload_out_of_range").counter().count()).isEqualTo(1);
    assertThat(registry.get("feedback.truncated").tags("channel", "chat").counter().count()).isEqualTo(1);
  }

  @Test
  void countsItemsInALanguageTheModelDoesNotReadByChannelAndLanguage() {
    ScoredFeedback chinese = scored("chat", "positive", 10, 1);
    chinese.getFeedback().setLanguage("zh");
    chinese.setLanguageSupported(false);
    metrics.scored(chinese);
    metrics.scored(chinese);
    metrics.scored(scored("chat", "positive", 10, 1));

    assertThat(registry.get("feedback.unsupported.language").tags("channel", "chat", "language", "zh").counter().count())
        .isEqualTo(2);
    assertThat(registry.find("feedback.unsupported.language").counters()).hasSize(1);
  }

  @Test
  void countingARecordRegistersNoMeterButTheFirstOfATagValueUnknownAtStart() {
    // A filter added after the meters exist makes the registry map every registration again, hits included.
    AtomicInteger registrations = new AtomicInteger();
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        registrations.incrementAndGet();
        return id;
      }
    });
    ScoredFeedback chinese = scored("chat", "positive", 10, 1);
    chinese.getFeedback().setLanguage("zh");
    chinese.getFeedback().setEventTimeSource("wall_clock");
    chinese.setLanguageSupported(false);
    chinese.setTruncated(true);
    DriftEvent drift = DriftEvent.newBuilder().setChannel("all").setKind("bias").setStatistic("psi").setValue(0.3)
        .setThreshold(0.25).setWindowStart(Instant.EPOCH).setWindowEnd(Instant.EPOCH.plusSeconds(300)).setTotal(120)
        .setReference("baseline:m1").setReferenceShares(new Probabilities(0.2, 0.3, 0.5))
        .setCurrentShares(new Probabilities(0.5, 0.2, 0.3)).build();
    int before = registrations.get();

    metrics.scored(scored("email", "neutral", 10, 1));
    metrics.deadLetter(deadLetter("inference_failed"));
    metrics.alert(alert(AlertPriority.LOW));
    metrics.driftEvent(drift);
    metrics.windowClosed(window("chat", 0.5, 0.2, 0.3, 0.12, 0.4));
    assertThat(registrations.get()).isEqualTo(before);

    metrics.scored(chinese);
    metrics.scored(chinese);
    assertThat(registrations.get()).isEqualTo(before + 1);
    assertThat(registry.get("feedback.unsupported.language").tags("channel", "chat", "language", "zh").counter()
        .count()).isEqualTo(2);
    assertThat(registry.get("feedback.event.time.replaced").tags("channel", "chat", "source", "wall_clock").counter()
        .count()).isEqualTo(2);
  }

  @Test
  void aReasonUnknownAtStartIsCountedUnderItsOwnTag() {
    metrics.deadLetter(deadLetter("added_later"));
    metrics.deadLetter(deadLetter("added_later"));

    assertThat(registry.scrape()).contains("feedback_dead_letters_total{reason=\"added_later\"} 2.0");
  }

  @Test
  void nothingIsRegisteredBeforeBindingAndARecordThenIsRefused() {
    PrometheusMeterRegistry unbound = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServiceMetrics fresh = new ServiceMetrics(List.of("chat"));

    assertThat(unbound.getMeters()).isEmpty();
    assertThatThrownBy(() -> fresh.alert(alert(AlertPriority.LOW))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("feedback.alerts");
    fresh.bindTo(unbound);
    assertThatThrownBy(() -> fresh.bindTo(unbound)).isInstanceOf(IllegalStateException.class);
  }

  static DeadLetter deadLetter(String reason) {
    return DeadLetter.newBuilder().setReason(reason).setDetail("").setSourceTopic("t").setPartition(0).setOffset(1)
        .setRecordTimestamp(Instant.EPOCH).setFailedAt(Instant.EPOCH).build();
  }

  static ScoredFeedback scored(String channel, String label, long micros, int batch) {
    return ScoredFeedback.newBuilder()
        .setFeedback(Feedback.newBuilder().setId(channel + ":1").setChannel(channel).setSourceId("1")
            .setOriginalText("t").setText("t").setEventTime(Instant.EPOCH).build())
        .setLabel(label.equals("negative") ? -1 : 1).setLabelName(label)
        .setProbabilities(new Probabilities(0.1, 0.1, 0.8)).setConfidence(0.8).setTokenCount(1).setChunkCount(1)
        .setModel(new io.feedbackpulse.avro.ModelInfo("m", "1"))
        .setTimings(Timings.newBuilder().setScoredAt(Instant.EPOCH).setInferenceMicros(micros).setBatchSize(batch)
            .setQueuedMillis(0).build())
        .build();
  }

  static SupportAlert alert(AlertPriority priority) {
    return SupportAlert.newBuilder().setFeedbackId("chat:1").setChannel("chat").setPriority(priority)
        .setPriorityReasons(List.of()).setExcerpt("x").setEventTime(Instant.EPOCH)
        .setProbabilities(new Probabilities(0.9, 0.05, 0.05)).setModel(new io.feedbackpulse.avro.ModelInfo("m", "1"))
        .build();
  }

  static LabelDistribution window(String channel, double neg, double neu, double pos, double js, double psi) {
    Probabilities shares = new Probabilities(neg, neu, pos);
    return LabelDistribution.newBuilder().setChannel(channel).setWindowStart(Instant.EPOCH)
        .setWindowEnd(Instant.EPOCH.plusSeconds(60)).setTotal(10).setNegative(5).setNeutral(2).setPositive(3)
        .setShares(shares).setMeanConfidence(0.7).setMeanEntropy(1).setMeanTokenCount(5)
        .setDrift(DriftStatistics.newBuilder().setReference("uniform").setReferenceShares(shares)
            .setJensenShannonDistance(js).setPsi(psi).setChiSquare(0).setChiSquarePValue(1).setLInfinity(0).build())
        .build();
  }
}
