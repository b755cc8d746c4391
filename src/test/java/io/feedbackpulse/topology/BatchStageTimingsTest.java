package io.feedbackpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.inference.BatchStage;
import io.feedbackpulse.web.PrometheusMetrics;
import io.feedbackpulse.web.ServiceMetrics;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each stage of scoring is timed into feedback.batch.stage{stage}, on /metrics as feedback_batch_stage_seconds. */
class BatchStageTimingsTest {
  private static final String ALERTING = "terrible quality, returned it. Nobody answers my emails about the refund.";
  private final PrometheusMetrics metrics = new PrometheusMetrics();
  private TopologyFixture f;

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
    metrics.close();
  }

  @Test
  void eachRecordsDecodingAndEachBatchsStagesAreTimed() {
    ServiceMetrics observer = new ServiceMetrics(List.of("email", "chat", "app", "social"));
    observer.bindTo(metrics.registry());
    f = new TopologyFixture(Map.of("alerts.negative-threshold", "0.5"), observer);
    for (BatchStage stage : BatchStage.values()) {
      assertThat(timer(stage).count()).as(stage.tag()).isZero();
    }

    // the fixture lets batch.max-wait pass after each record: two records, two batches
    f.json("feedback.raw.chat", null, "{\"messageId\":\"c-1\",\"text\":\"" + ALERTING + "\"}", TopologyFixture.T0);
    f.json("feedback.raw.chat", null, "{\"messageId\":\"c-2\",\"text\":\"I love it.\"}", TopologyFixture.T0);
    f.json("feedback.raw.chat", null, "{\"messageId\":\"c-3\"}", TopologyFixture.T0);

    assertThat(f.scored.readValuesToList()).hasSize(2);
    assertThat(timer(BatchStage.DECODE).count()).as("every record, the rejected one too").isEqualTo(3);
    assertThat(timer(BatchStage.COST).count()).as("every record that joined a batch").isEqualTo(2);
    for (BatchStage stage : List.of(BatchStage.TOKENIZE, BatchStage.MODEL, BatchStage.FORWARD)) {
      assertThat(timer(stage).count()).as(stage.tag()).isEqualTo(2);
      assertThat(timer(stage).totalTime(TimeUnit.NANOSECONDS)).as(stage.tag()).isPositive();
    }
    for (BatchStage stage : List.of(BatchStage.EXPLAIN, BatchStage.REASONS)) {
      assertThat(timer(stage).count()).as(stage.tag() + ": the one alert's batch, after scoring").isEqualTo(1);
      assertThat(timer(stage).totalTime(TimeUnit.NANOSECONDS)).as(stage.tag()).isPositive();
    }
    assertThat(timer(BatchStage.MODEL).max(TimeUnit.NANOSECONDS))
        .as("the model call takes longer than handing its results on")
        .isGreaterThan(timer(BatchStage.TOKENIZE).max(TimeUnit.NANOSECONDS));
    assertThat(metrics.scrape())
        .contains("feedback_batch_stage_seconds_count{stage=\"model\"} 2")
        .contains("feedback_batch_stage_seconds_count{stage=\"decode\"} 3")
        .contains("feedback_batch_stage_seconds_bucket{stage=\"explain\"");
  }

  private Timer timer(BatchStage stage) {
    return metrics.registry().get("feedback.batch.stage").tag("stage", stage.tag()).timer();
  }
}
