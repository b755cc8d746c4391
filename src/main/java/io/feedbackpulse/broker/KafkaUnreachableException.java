package io.feedbackpulse.broker;

import java.time.Duration;

/** No broker of the cluster answered an admin request within the wait: the address is wrong, or the brokers are down. */
public final class KafkaUnreachableException extends RuntimeException {

  public KafkaUnreachableException(String bootstrapServers, Duration waited, Throwable cause) {
    super("Kafka at " + bootstrapServers + " did not answer within " + waited, cause);
  }
}
