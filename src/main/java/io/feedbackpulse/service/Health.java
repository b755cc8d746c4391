package io.feedbackpulse.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One sample of the service's health, taken by {@link HealthMonitor}.
 *
 * @param sampledAt when the sample was taken; null before the first one
 * @param streams the Kafka Streams state
 * @param connected whether the stream threads' consumers have been in touch with the cluster for the whole hold
 * @param consumerLag the largest lag of the main consumers' partitions (records-lag-max); 0 when unknown
 * @param pendingInference records held in the pending-inference store awaiting the model
 * @param pendingAlerts items held in the pending-alerts store: alerts awaiting the alert worker (their explanation
 *     and reasons), and the items queued behind them
 * @param withoutProgress how long records have waited with no commit; zero while nothing waits
 * @param stalled records have waited with no commit for health.max-stall
 * @param alertsWithoutProgress how long items have waited in pending-alerts with no batch finished by the alert
 *     worker; zero while none waits
 * @param alertsStalled they have waited so for health.max-stall
 */
public record Health(Instant sampledAt, KafkaStreams.State streams, boolean connected, long consumerLag,
    long pendingInference, long pendingAlerts, Duration withoutProgress, boolean stalled,
    Duration alertsWithoutProgress, boolean alertsStalled) {

  static final Health NOT_SAMPLED = new Health(null, KafkaStreams.State.CREATED, false, 0, 0, 0, Duration.ZERO,
      false, Duration.ZERO, false);

  /** Why the service is not ready; empty when it is. */
  public Optional<String> notReadyBecause() {
    if (sampledAt == null) {
      return Optional.of("health not sampled yet");
    }
    if (streams != KafkaStreams.State.RUNNING) {
      return Optional.of("Kafka Streams is " + streams + ", not RUNNING");
    }
    if (!connected) {
      return Optional.of("no connection to the Kafka cluster");
    }
    if (stalled) {
      return Optional.of("stalled: records are waiting (consumer lag " + consumerLag + ", " + pendingInference
          + " pending inference) and nothing was committed for " + withoutProgress.toSeconds() + " s");
    }
    if (alertsStalled) {
      return Optional.of("alerts stalled: " + pendingAlerts + " items wait for the alert worker, which finished no "
          + "batch for " + alertsWithoutProgress.toSeconds() + " s");
    }
    return Optional.empty();
  }

  public boolean ready() {
    return notReadyBecause().isEmpty();
  }
}
