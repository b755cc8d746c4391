package io.feedbackpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
  void keepsToTheRate() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    traffic.next(); // a slow first record would let the pump catch up in a burst, hiding its rate
    try (TrafficPump pump = TrafficPump.start(producer, traffic, 20)) {
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> pump.acknowledged() >= 11);
    }
    // each record carries the time it was made: at 20 records/s the 11th is made 500 ms after the first; the bounds
    // allow for the thread being late once (up to 50 ms) and for a pump no slower than 5 records/s
    List<ProducerRecord<byte[], byte[]>> sent = producer.history();
    assertThat(Duration.ofMillis(sent.get(10).timestamp() - sent.get(0).timestamp()))
        .as("from the 1st record to the 11th at 20 records/s").isBetween(Duration.ofMillis(450), Duration.ofSeconds(2));
  }

  @Test
  void sendsEachLabelAfterItsItem() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    AgentLabels everyUnratedItem = new AgentLabels("feedback.labels", AgentLabels.UNRATED, 1.0, 1);

    try (TrafficPump pump = TrafficPump.start(producer, traffic, Optional.of(everyUnratedItem), 500)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> pump.acknowledged() >= 40);
      pump.close();
      List<ProducerRecord<byte[], byte[]>> sent = producer.history();
      List<String> labelled = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        ProducerRecord<byte[], byte[]> r = sent.get(i);
        if (r.topic().equals("feedback.labels")) {
          ProducerRecord<byte[], byte[]> item = sent.get(i - 1);
          assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(
              item.topic().substring("feedback.raw.".length()) + ":" + new String(item.key(), StandardCharsets.UTF_8));
          labelled.add(item.topic());
        } else if (!r.topic().equals("feedback.raw.app")) {
          assertThat(i + 1 < sent.size() ? sent.get(i + 1).topic() : "feedback.labels")
              .as("an unrated item is followed by its label").isEqualTo("feedback.labels");
        }
      }
      assertThat(labelled).isNotEmpty().doesNotContain("feedback.raw.app");
      assertThat(pump.labelled()).isEqualTo(labelled.size());
      assertThat(pump.acknowledged()).isEqualTo(sent.size() - labelled.size());
    }
  }

  @Test
  void needsAPositiveRate() {
    MockProducer<byte[], byte[]> producer = new MockProducer<>();
    assertThatThrownBy(() -> TrafficPump.start(producer, traffic, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
