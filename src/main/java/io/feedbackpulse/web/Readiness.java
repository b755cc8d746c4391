package io.feedbackpulse.web;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/** Whether the service can do its work: Kafka Streams RUNNING and the model loaded. */
final class Readiness {
  private final Supplier<KafkaStreams.State> streamsState;
  private final BooleanSupplier modelLoaded;

  Readiness(Supplier<KafkaStreams.State> streamsState, BooleanSupplier modelLoaded) {
    this.streamsState = streamsState;
    this.modelLoaded = modelLoaded;
  }

  /** Why the service is not ready; empty when it is. */
  Optional<String> notReadyBecause() {
    if (!modelLoaded.getAsBoolean()) {
      return Optional.of("the model is not loaded");
    }
    KafkaStreams.State state = streamsState.get();
    if (state != KafkaStreams.State.RUNNING) {
      return Optional.of("Kafka Streams is " + state + ", not RUNNING");
    }
    return Optional.empty();
  }

  KafkaStreams.State streamsState() {
    return streamsState.get();
  }
}
