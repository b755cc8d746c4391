package io.feedbackpulse.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Whether the stream threads' consumers are in touch with the cluster, read from the clients' own
 * metrics: a broker outage leaves Kafka Streams RUNNING. A main consumer counts when it holds a
 * connection ({@code connection-count}) and its group coordinator answered a heartbeat lately
 * ({@code last-heartbeat-seconds-ago}; a consumer without that metric has no coordinator to
 * answer, so it does not count): a connection being attempted to a broker that is down is in the
 * connection count until it fails, and a heartbeat may go out on it, so both flicker during an
 * outage. The service is connected only once every sample for {@link #HOLD} has found it so.
 * {@link HealthMonitor} samples on a timer, so the hold does not depend on who asks, or how often.
 */
final class ClusterConnectivity {
  /** Two heartbeat intervals (3 s by default) and a second of slack. */
  static final double HEARTBEAT_SECONDS = 7;
  static final Duration HOLD = Duration.ofSeconds(2);

  private final Clock clock;
  private Instant connectedSince;

  ClusterConnectivity(Clock clock) {
    this.clock = clock;
  }

  /** True once {@code connectedNow} has held at every sample for {@link #HOLD}. */
  synchronized boolean held(boolean connectedNow) {
    if (!connectedNow) {
      connectedSince = null;
      return false;
    }
    Instant now = clock.instant();
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
      if (!isMainConsumer(client) || !(e.getValue().metricValue() instanceof Number n)) {
        continue;
      }
      if (name.group().equals("consumer-metrics") && name.name().equals("connection-count")) {
        connections.put(client, n.doubleValue());
      } else if (name.group().equals("consumer-coordinator-metrics") && name.name().equals("last-heartbeat-seconds-ago")) {
        heartbeatAge.put(client, n.doubleValue());
      }
    }
    return connections.entrySet().stream().anyMatch(c -> c.getValue() > 0
        && heartbeatAge.containsKey(c.getKey()) && heartbeatAge.get(c.getKey()) <= HEARTBEAT_SECONDS);
  }

  /** A stream thread's consumer of its input (client id {@code <app>-StreamThread-<n>-consumer}), not its restore consumer. */
  static boolean isMainConsumer(String clientId) {
    return clientId.endsWith("-consumer") && !clientId.endsWith("-restore-consumer");
  }
}
