package io.feedbackpulse.service;

import static org.assertj.core.api.Assertions.assertThat;

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
  void theRestoreConsumerDoesNotCount() {
    assertThat(ClusterConnectivity.connected(metrics(RESTORE, 3, 1))).isFalse();
  }

  private static Map<MetricName, Metric> metrics(String client, double connections, double heartbeatSecondsAgo) {
    Map<MetricName, Metric> out = new HashMap<>();
    out.put(new MetricName("connection-count", "consumer-metrics", "", Map.of("client-id", client)),
        metric(connections));
    out.put(new MetricName("last-heartbeat-seconds-ago", "consumer-coordinator-metrics", "",
        Map.of("client-id", client)), metric(heartbeatSecondsAgo));
    return out;
  }

  private static Metric metric(double value) {
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
