package io.feedbackpulse.web;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether the service can do its work: Kafka Streams RUNNING and connected to the cluster (the
 * model is loaded before the service starts, or it does not start).
 */
final class Readiness {
  private final Supplier<KafkaStreams.State> streamsState;
  private final BooleanSupplier connectedToCluster;

  Readiness(Supplier<KafkaStreams.State> streamsState, BooleanSupplier connectedToCluster) {
    this.streamsState = streamsState;
    this.connectedToCluster = connectedToCluster;
  }

  /** Why the service is not ready; empty when it is. */
  Optional<String> notReadyBecause() {
    KafkaStreams.State state = streamsState.get();
    if (state != KafkaStreams.State.RUNNING) {
      return Optional.of("Kafka Streams is " + state + ", not RUNNING");
    }
    if (!connectedToCluster.getAsBoolean()) {
      return Optional.of("no connection to the Kafka cluster");
    }
    return Optional.empty();
  }

  KafkaStreams.State streamsState() {
    return streamsState.get();
  }
}
