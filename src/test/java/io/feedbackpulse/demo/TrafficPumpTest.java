package io.feedbackpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class TrafficPumpTest {

  private final SampleTraffic traffic = new SampleTraffic(SampleReviews.load(), 3, Clock.systemUTC());

  @Test
  void sendsUntilClosedAndThenClosesTheProducer() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    TrafficPump pump = TrafficPump.start(producer, traffic, 200);
    await().atMost(Duration.ofSeconds(10)).until(() -> pump.acknowledged() >= 20);
    pump.close();
    int sentBeforeClose = producer.history().size();

    assertThat(producer.closed()).isTrue();
    assertThat(pump.failed()).isZero();
    assertThat(pump.acknowledged()).isEqualTo(sentBeforeClose);
  }

  @Test
  void keepsToTheRate() throws InterruptedException {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    try (TrafficPump pump = TrafficPump.start(producer, traffic, 20)) {
      Thread.sleep(1000);
      assertThat(pump.acknowledged()).isBetween(5L, 30L);
    }
  }

  @Test
  void needsAPositiveRate() {
    MockProducer<byte[], byte[]> producer = new MockProducer<>();
    assertThatThrownBy(() -> TrafficPump.start(producer, traffic, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
