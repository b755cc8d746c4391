package io.feedbackpulse.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.testing.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The sampler on fake metrics and a fake clock: each sample is what a probe reads, as it is. */
class HealthMonitorTest {
  static final String MAIN = "app-1-StreamThread-1-consumer";
  static final Duration MAX_STALL = Duration.ofSeconds(10);
  static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  final SettableClock now = new SettableClock(T0);
  final FakeSource source = new FakeSource();
  final HealthMonitor monitor = new HealthMonitor(source, MAX_STALL, now);

  @Test
  void beforeTheFirstSampleNothingIsReady() {
    assertThat(monitor.current().notReadyBecause()).contains("health not sampled yet");
  }

  @Test
  void theFirstProbeAfterAHealthySampleIsReadyAndProbesChangeNothing() {
    sampleEveryHalfSecondFor(Duration.ofSeconds(2));
    Health first = monitor.current();
    assertThat(first.notReadyBecause()).isEmpty();
    assertThat(first.connected()).isTrue();
    assertThat(monitor.current()).as("a probe reads the sample; it does not take one").isSameAs(first);
  }

  @Test
  void theConnectionHoldIsMeasuredAcrossSamples() {
    assertThat(monitor.sample().notReadyBecause()).contains("no connection to the Kafka cluster");
    advance(Duration.ofMillis(1500));
    assertThat(monitor.sample().connected()).isFalse();
    advance(Duration.ofMillis(500));
    assertThat(monitor.sample().connected()).as("connected at every sample for 2 s").isTrue();
  }

  @Test
  void aMissingHeartbeatMetricIsNotConnected() {
    source.heartbeatSecondsAgo = null;
    sampleEveryHalfSecondFor(Duration.ofSeconds(5));
    assertThat(monitor.current().connected()).isFalse();
    assertThat(monitor.current().notReadyBecause()).contains("no connection to the Kafka cluster");
  }

  @Test
  void streamsNotRunningIsNotReadyWhateverTheConnection() {
    source.state = KafkaStreams.State.REBALANCING;
    sampleEveryHalfSecondFor(Duration.ofSeconds(3));
    assertThat(monitor.current().notReadyBecause()).contains("Kafka Streams is REBALANCING, not RUNNING");
  }

  @Test
  void lagWithNoCommitForMaxStallIsNotReadyWithAReasonAndACommitClearsIt() {
    sampleEveryHalfSecondFor(Duration.ofSeconds(3));
    source.lag = 40;
    sampleEveryHalfSecondFor(MAX_STALL.minusSeconds(1));
    assertThat(monitor.current().ready()).as("waiting, but for less than max-stall").isTrue();
    assertThat(monitor.current().withoutProgress()).isGreaterThanOrEqualTo(MAX_STALL.minusSeconds(1));
    sampleEveryHalfSecondFor(Duration.ofSeconds(1));
    Health stalled = monitor.current();
    assertThat(stalled.stalled()).isTrue();
    assertThat(stalled.notReadyBecause()).hasValueSatisfying(r -> assertThat(r)
        .startsWith("stalled: records are waiting (consumer lag 40, 0 pending inference)")
        .endsWith("nothing was committed for 10 s"));

    source.commits += 1;
    advance(Duration.ofMillis(500));
    Health progressed = monitor.sample();
    assertThat(progressed.stalled()).isFalse();
    assertThat(progressed.ready()).isTrue();
    assertThat(progressed.withoutProgress()).isZero();
  }

  @Test
  void recordsPendingInferenceWithNoCommitStallToo() {
    sampleEveryHalfSecondFor(Duration.ofSeconds(3));
    source.pending = 7;
    sampleEveryHalfSecondFor(MAX_STALL);
    assertThat(monitor.current().notReadyBecause()).hasValueSatisfying(r -> assertThat(r)
        .contains("consumer lag 0, 7 pending inference"));
  }

  @Test
  void commitsThatKeepComingWhileLagStaysAreProgressNotAStall() {
    source.lag = 5_000;
    for (int i = 0; i < 60; i++) {
      source.commits += 1;
      advance(Duration.ofMillis(500));
      monitor.sample();
    }
    assertThat(monitor.current().stalled()).isFalse();
    assertThat(monitor.current().ready()).isTrue();
  }

  @Test
  void anIdleServiceIsNeverStalled() {
    source.lag = Double.NaN; // no fetch in the metric's window
    sampleEveryHalfSecondFor(MAX_STALL.multipliedBy(3));
    assertThat(monitor.current().stalled()).isFalse();
    assertThat(monitor.current().withoutProgress()).isZero();
    assertThat(monitor.current().ready()).isTrue();
  }

  @Test
  void alertsWaitingWhileTheWorkerFinishesNoBatchForMaxStallAreNotReadyThoughScoringCommits() {
    sampleEveryHalfSecondFor(Duration.ofSeconds(3));
    source.pendingAlerts = 4;
    for (int i = 0; i < 2 * MAX_STALL.toSeconds() - 2; i++) {
      source.commits += 1; // scoring goes on
      advance(Duration.ofMillis(500));
      monitor.sample();
    }
    assertThat(monitor.current().ready()).as("waiting, but for less than max-stall").isTrue();
    sampleEveryHalfSecondFor(Duration.ofSeconds(1));
    Health stalled = monitor.current();
    assertThat(stalled.stalled()).as("scoring is not stalled").isFalse();
    assertThat(stalled.alertsStalled()).isTrue();
    assertThat(stalled.notReadyBecause()).contains("alerts stalled: 4 items wait for the alert worker, which "
        + "finished no batch for 10 s");

    source.alertBatchesDone += 1;
    advance(Duration.ofMillis(500));
    Health moving = monitor.sample();
    assertThat(moving.alertsStalled()).isFalse();
    assertThat(moving.ready()).isTrue();
    assertThat(moving.alertsWithoutProgress()).isZero();
  }

  @Test
  void aWorkerThatKeepsFinishingBatchesOrAnEmptyStoreOrNoWorkerOfItsOwnIsNeverAlertStalled() {
    source.pendingAlerts = 200;
    for (int i = 0; i < 60; i++) {
      source.alertBatchesDone += 1;
      advance(Duration.ofMillis(500));
      monitor.sample();
    }
    assertThat(monitor.current().alertsStalled()).as("a busy worker").isFalse();

    source.pendingAlerts = 0;
    sampleEveryHalfSecondFor(MAX_STALL.multipliedBy(2));
    assertThat(monitor.current().alertsStalled()).as("nothing waits").isFalse();

    source.pendingAlerts = 3;
    source.alertBatchesDone = -1;
    sampleEveryHalfSecondFor(MAX_STALL.multipliedBy(2));
    assertThat(monitor.current().alertsStalled()).as("no worker of this instance's to watch").isFalse();
  }

  @Test
  void theTimerSamplesUntilClosed() throws Exception {
    HealthMonitor timed = new HealthMonitor(source, MAX_STALL, Clock.systemUTC()).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> timed.current().sampledAt() != null);
    Instant first = timed.current().sampledAt();
    await().atMost(Duration.ofSeconds(5)).until(() -> timed.current().sampledAt().isAfter(first));
    timed.close();
    Instant last = timed.current().sampledAt();
    Thread.sleep(2 * HealthMonitor.PERIOD.toMillis());
    assertThat(timed.current().sampledAt()).isEqualTo(last);
  }

  private void sampleEveryHalfSecondFor(Duration span) {
    Instant end = now.instant().plus(span);
    monitor.sample();
    while (now.instant().isBefore(end)) {
      advance(Duration.ofMillis(500));
      monitor.sample();
    }
  }

  private void advance(Duration d) {
    now.advance(d);
  }

  /** A healthy, idle, single-threaded service unless a test says otherwise. */
  static final class FakeSource implements HealthMonitor.Source {
    KafkaStreams.State state = KafkaStreams.State.RUNNING;
    Double heartbeatSecondsAgo = 1.0;
    double lag = 0;
    double commits = 12;
    long pending = 0;
    long pendingAlerts = 0;
    long alertBatchesDone = 0;

    @Override
    public KafkaStreams.State state() {
      return state;
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
      Map<MetricName, Metric> m = new HashMap<>(ClusterConnectivityTest.metrics(MAIN, 1,
          heartbeatSecondsAgo == null ? 0 : heartbeatSecondsAgo));
      if (heartbeatSecondsAgo == null) {
        m.keySet().removeIf(name -> name.name().equals("last-heartbeat-seconds-ago"));
      }
      m.put(new MetricName("records-lag-max", "consumer-fetch-manager-metrics", "", Map.of("client-id", MAIN)),
          ClusterConnectivityTest.metric(lag));
      m.put(new MetricName("records-lag-max", "consumer-fetch-manager-metrics", "",
          Map.of("client-id", "app-1-StreamThread-1-restore-consumer")), ClusterConnectivityTest.metric(99_999));
      m.put(new MetricName("commit-total", "stream-thread-metrics", "", Map.of("thread-id", "app-1-StreamThread-1")),
          ClusterConnectivityTest.metric(commits));
      return m;
    }

    @Override
    public long pendingInference() {
      return pending;
    }

    @Override
    public long pendingAlerts() {
      return pendingAlerts;
    }

    @Override
    public long alertBatchesDone() {
      return alertBatchesDone;
    }
  }
}
