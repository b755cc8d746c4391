package io.feedbackpulse.service;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether the stream threads' consumers are in touch with the cluster, read from the clients' own
 * metrics: a broker outage leaves Kafka Streams RUNNING. A main consumer counts when it holds a
 * connection ({@code connection-count}) and its group coordinator answered a heartbeat lately
 * ({@code last-heartbeat-seconds-ago}): a connection being attempted to a broker that is down is
 * in the connection count until it fails, and a heartbeat may go out on it, so both flicker during
 * an outage. The service is connected only once every check for {@link #HOLD} has found it so.
 */
final class ClusterConnectivity {
  /** Two heartbeat intervals (3 s by default) and a second of slack. */
  static final double HEARTBEAT_SECONDS = 7;
  static final java.time.Duration HOLD = java.time.Duration.ofSeconds(2);

  private final KafkaStreams streams;
  private final java.time.Clock clock;
  private java.time.Instant connectedSince;

  ClusterConnectivity(KafkaStreams streams, java.time.Clock clock) {
    this.streams = streams;
    this.clock = clock;
  }

  synchronized boolean isConnected() {
    return held(connected(streams.metrics()));
  }

  /** True once {@code connectedNow} has held at every check for {@link #HOLD}. */
  synchronized boolean held(boolean connectedNow) {
    if (!connectedNow) {
      connectedSince = null;
      return false;
    }
    java.time.Instant now = clock.instant();
    if (connectedSince == null) {
      connectedSince = now;
    }
    return !now.isBefore(connectedSince.plus(HOLD));
  }

  static boolean connected(Map<MetricName, ? extends Metric> metrics) {
    Map<String, Double> connections = new HashMap<>();
    Map<String, Double> heartbeatAge = new HashMap<>();
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      MetricName name = e.getKey();
      String client = name.tags().getOrDefault("client-id", "");
      if (!client.endsWith("-consumer") || client.endsWith("-restore-consumer")
          || !(e.getValue().metricValue() instanceof Number n)) {
        continue;
      }
      if (name.group().equals("consumer-metrics") && name.name().equals("connection-count")) {
        connections.put(client, n.doubleValue());
      } else if (name.group().equals("consumer-coordinator-metrics") && name.name().equals("last-heartbeat-seconds-ago")) {
        heartbeatAge.put(client, n.doubleValue());
      }
    }
    return connections.entrySet().stream().anyMatch(c -> c.getValue() > 0
        && heartbeatAge.getOrDefault(c.getKey(), 0.0) <= HEARTBEAT_SECONDS);
  }
}
