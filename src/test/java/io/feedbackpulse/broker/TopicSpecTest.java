package io.feedbackpulse.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.junit.jupiter.api.Test;

class TopicSpecTest {

  @Test
  void rendersTheKafkaTopicsCommandWithConfigsInNameOrder() {
    TopicSpec spec = TopicSpec.of("feedback.scored", 6, 3)
        .withConfig("retention.ms", "604800000")
        .withConfig("cleanup.policy", "compact");

    assertThat(spec.createCommand("kafka-1:9092,kafka-2:9092")).isEqualTo(
        "kafka-topics.sh --bootstrap-server kafka-1:9092,kafka-2:9092 --create --topic feedback.scored"
            + " --partitions 6 --replication-factor 3"
            + " --config cleanup.policy=compact --config retention.ms=604800000");
  }

  @Test
  void quotesConfigValuesTheShellWouldSplit() {
    TopicSpec spec = TopicSpec.of("t", 1, 1).withConfig("message.format", "it's a b");

    assertThat(spec.createCommand("h:1")).endsWith("--config 'message.format=it'\"'\"'s a b'");
  }

  @Test
  void becomesTheAdminClientsNewTopic() {
    NewTopic topic = TopicSpec.of("t", 4, 2).withConfig("min.insync.replicas", "2").toNewTopic();

    assertThat(topic.name()).isEqualTo("t");
    assertThat(topic.numPartitions()).isEqualTo(4);
    assertThat(topic.replicationFactor()).isEqualTo((short) 2);
    assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
  }

  @Test
  void rejectsWhatKafkaWouldReject() {
    assertThatThrownBy(() -> TopicSpec.of("no spaces", 1, 1)).isInstanceOf(InvalidTopicException.class);
    assertThatThrownBy(() -> TopicSpec.of("t", 0, 1)).hasMessageContaining("at least one partition");
    assertThatThrownBy(() -> TopicSpec.of("t", 1, 0)).hasMessageContaining("replication factor");
  }

  @Test
  void brokerDefaultReplicationLeavesTheFactorToTheBroker() {
    TopicSpec topic = TopicSpec.of("feedback.scored", 3, TopicSpec.BROKER_DEFAULT);
    assertThat(topic.toNewTopic().replicationFactor()).isEqualTo((short) -1);
    assertThat(topic.createCommand("kafka:9092")).endsWith("--partitions 3").doesNotContain("replication");
  }
}
