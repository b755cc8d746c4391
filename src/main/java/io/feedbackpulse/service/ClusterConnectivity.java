package io.feedbackpulse.service;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether the stream threads' consumers hold a connection to the cluster, read from the clients' own
 * {@code connection-count} metric: a broker outage leaves Kafka Streams RUNNING, but with no connection.
 */
final class ClusterConnectivity {
  private final KafkaStreams streams;

  ClusterConnectivity(KafkaStreams streams) {
    this.streams = streams;
  }

  boolean isConnected() {
    for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
      MetricName name = e.getKey();
      String client = name.tags().getOrDefault("client-id", "");
      if (name.group().equals("consumer-metrics") && name.name().equals("connection-count")
          && client.endsWith("-consumer") && !client.endsWith("-restore-consumer")
          && e.getValue().metricValue() instanceof Number n && n.doubleValue() > 0) {
        return true;
      }
    }
    return false;
  }
}
