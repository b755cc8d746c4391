package io.feedbackpulse.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;

import io.feedbackpulse.registry.RegistryUnavailableException;
import java.time.Duration;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class RetryingUncaughtExceptionHandlerTest {
  final RetryingUncaughtExceptionHandler handler =
      new RetryingUncaughtExceptionHandler(Duration.ofMillis(40), Duration.ofMillis(160));

  @Test
  void aThreadThatFailedOnAnUnreachableRegistryIsReplacedAfterAGrowingBackoff() {
    StreamsException failure = new StreamsException(new RegistryUnavailableException("schema registry unreachable"));
    long[] waits = new long[4];
    for (int i = 0; i < waits.length; i++) {
      long start = System.nanoTime();
      assertThat(handler.handle(failure)).isEqualTo(REPLACE_THREAD);
      waits[i] = (System.nanoTime() - start) / 1_000_000;
    }
    assertThat(waits[0]).isBetween(40L, 140L);
    assertThat(waits[1]).isGreaterThanOrEqualTo(80L);
    assertThat(waits[3]).as("capped").isBetween(160L, 260L);
  }

  @Test
  void retriableKafkaErrorsAreReplacedOthersShutTheClientDown() {
    assertThat(handler.handle(new StreamsException(new TimeoutException("no broker")))).isEqualTo(REPLACE_THREAD);
    assertThat(handler.handle(new StreamsException(new IllegalStateException("bug")))).isEqualTo(SHUTDOWN_CLIENT);
  }
}
