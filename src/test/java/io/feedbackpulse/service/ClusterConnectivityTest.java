package io.feedbackpulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.testing.SettableClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class ClusterConnectivityTest {
  private static final String MAIN = "app-1-StreamThread-1-consumer";
  private static final String RESTORE = "app-1-StreamThread-1-restore-consumer";

  @Test
  void aMainConsumerWithAConnectionAndARecentHeartbeatIsConnected() {
    assertThat(ClusterConnectivity.connected(metrics(MAIN, 1, 2.5))).isTrue();
  }

  @Test
  void aConnectionWithoutARecentHeartbeatIsABrokerBeingRetriedNotAConnection() {
    assertThat(ClusterConnectivity.connected(metrics(MAIN, 1, 30))).isFalse();
  }

  @Test
  void noConnectionIsNotConnectedWhateverTheHeartbeat() {
    assertThat(ClusterConnectivity.connected(metrics(MAIN, 0, 1))).isFalse();
  }

  @Test
  void aConnectionWithNoHeartbeatMetricIsNotConnected() {
    Map<MetricName, Metric> connectionOnly = metrics(MAIN, 1, 1);
    connectionOnly.keySet().removeIf(name -> name.name().equals("last-heartbeat-seconds-ago"));
    assertThat(ClusterConnectivity.connected(connectionOnly)).isFalse();
  }

  @Test
  void theRestoreConsumerDoesNotCount() {
    assertThat(ClusterConnectivity.connected(metrics(RESTORE, 3, 1))).isFalse();
  }

  @Test
  void aConnectionCountsOnlyOnceEverySampleHasSeenItForTheHold() {
    Instant t0 = Instant.parse("2026-11-29T10:00:00Z");
    SettableClock now = new SettableClock(t0);
    ClusterConnectivity connectivity = new ClusterConnectivity(now);
    assertThat(connectivity.held(true)).isFalse();
    now.set(t0.plusSeconds(1));
    assertThat(connectivity.held(true)).isFalse();
    now.set(t0.plusMillis(1500));
    assertThat(connectivity.held(false)).isFalse();
    now.set(t0.plusSeconds(3));
    assertThat(connectivity.held(true)).as("the flicker at 1.5 s restarted the hold").isFalse();
    now.set(t0.plusSeconds(5));
    assertThat(connectivity.held(true)).isTrue();
  }

  static Map<MetricName, Metric> metrics(String client, double connections, double heartbeatSecondsAgo) {
    Map<MetricName, Metric> out = new HashMap<>();
    out.put(new MetricName("connection-count", "consumer-metrics", "", Map.of("client-id", client)),
        metric(connections));
    out.put(new MetricName("last-heartbeat-seconds-ago", "consumer-coordinator-metrics", "",
        Map.of("client-id", client)), metric(heartbeatSecondsAgo));
    return out;
  }

  static Metric metric(double value) {
    return new Metric() {
      @Override
      public MetricName metricName() {
        return null;
      }

      @Override
      public Object metricValue() {
        return value;
      }
    };
  }
}
