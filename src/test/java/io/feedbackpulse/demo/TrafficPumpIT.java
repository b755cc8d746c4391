package io.feedbackpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.broker.TopicProvisioner;
import io.feedbackpulse.broker.TopicSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TrafficPumpIT {

  @Test
  void pumpsSampleTrafficIntoTheFourRawTopics() {
    List<String> topics = Arrays.stream(SampleChannel.values()).map(SampleChannel::defaultTopic).toList();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary()) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicProvisioner(admin, broker.bootstrapServers())
            .ensureTopics(topics.stream().map(topic -> TopicSpec.of(topic, 2, 1)).toList());
      }

      try (TrafficPump pump = TrafficPump.start(broker.bootstrapServers(),
          new SampleTraffic(SampleReviews.load(), 11, Clock.systemUTC()), 100)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> pump.acknowledged() >= 60);
        assertThat(pump.failed()).isZero();
      }

      assertThat(topicsWithRecords(broker, topics)).containsExactlyInAnyOrderElementsOf(topics);
    }
  }

  private static Set<String> topicsWithRecords(EmbeddedKafkaBroker broker, List<String> topics) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "traffic-pump-it",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Set<String> seen = new HashSet<>();
    try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(topics);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (seen.size() < topics.size() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.topic()));
      }
    }
    return seen;
  }
}
