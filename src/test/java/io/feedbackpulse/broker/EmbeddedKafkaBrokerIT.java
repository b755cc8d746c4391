package io.feedbackpulse.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class EmbeddedKafkaBrokerIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private EmbeddedKafkaBroker broker;
  private Admin admin;

  @BeforeAll
  void startBroker(@TempDir Path dataDir) {
    broker = EmbeddedKafkaBroker.builder()
        .dataDir(dataDir)
        .property("create.topic.policy.class.name", RejectDeniedPrefixPolicy.class.getName())
        .start();
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  @AfterAll
  void stopBroker() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void provisionerCreatesMissingTopicsAndLeavesExistingOnesAlone() throws Exception {
    TopicProvisioner provisioner = new TopicProvisioner(admin, broker.bootstrapServers());

    var first = provisioner.ensureTopics(List.of(
        TopicSpec.of("prov.a", 3, 1),
        TopicSpec.of("prov.b", 1, 1).withConfig("cleanup.policy", "compact")));
    var second = provisioner.ensureTopics(List.of(TopicSpec.of("prov.a", 6, 1), TopicSpec.of("prov.c", 2, 1)));

    assertThat(first.created()).containsExactly("prov.a", "prov.b");
    assertThat(second.created()).containsExactly("prov.c");
    assertThat(second.existing()).containsExactly("prov.a");
    TopicDescription a = admin.describeTopics(Set.of("prov.a")).allTopicNames().get().get("prov.a");
    assertThat(a.partitions()).hasSize(3);
  }

  @Test
  void provisionerNamesTheTopicsTheClusterRefusesAndHowToCreateThem() {
    TopicProvisioner provisioner = new TopicProvisioner(admin, broker.bootstrapServers());

    assertThatThrownBy(() -> provisioner.ensureTopics(List.of(
        TopicSpec.of("denied.alerts", 2, 1), TopicSpec.of("allowed.alerts", 2, 1))))
        .isInstanceOf(TopicCreationDeniedException.class)
        .hasMessageContaining("denied.alerts")
        .hasMessageNotContaining("allowed.alerts")
        .hasMessageContaining("kafka-topics.sh --bootstrap-server " + broker.bootstrapServers()
            + " --create --topic denied.alerts --partitions 2 --replication-factor 1");
  }

  @Test
  void producesAndConsumes() {
    String topic = provision("plain");
    try (var producer = producer(Map.of())) {
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
      }
    }

    assertThat(values(readAll(topic, "read_uncommitted", 5))).containsExactly("v0", "v1", "v2", "v3", "v4");
  }

  @Test
  void readCommittedConsumerSeesCommittedTransactionsOnly() {
    String topic = provision("tx");
    try (var producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID()))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "aborted"));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
      producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
      producer.commitTransaction();
    }

    assertThat(values(readAll(topic, "read_committed", 2))).containsExactly("committed-1", "committed-2");
  }

  @Test
  void runsAnExactlyOnceStreamsApplication(@TempDir Path stateDir) {
    String input = provision("streams-in");
    String output = provision("streams-out");
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues(value -> value.toUpperCase(Locale.ROOT))
        .to(output, Produced.with(Serdes.String(), Serdes.String()));
    Map<String, Object> config = Map.of(
        StreamsConfig.APPLICATION_ID_CONFIG, "it-" + UUID.randomUUID(),
        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100,
        StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());

    try (KafkaStreams streams = new KafkaStreams(builder.build(), new StreamsConfig(config))) {
      streams.start();
      try (var producer = producer(Map.of())) {
        producer.send(new ProducerRecord<>(input, "k", "exactly"));
        producer.send(new ProducerRecord<>(input, "k", "once"));
      }
      assertThat(values(readAll(output, "read_committed", 2))).containsExactly("EXACTLY", "ONCE");
    }
  }

  @Test
  void restartsOnTheSameDataDirAndPortWithTheDataKept() {
    String topic = provision("restart");
    try (var producer = producer(Map.of())) {
      producer.send(new ProducerRecord<>(topic, "k", "before-restart"));
    }
    String address = broker.bootstrapServers();
    String clusterId = broker.clusterId();

    broker.stop();
    assertThat(broker.isRunning()).isFalse();
    broker.restart();

    assertThat(broker.bootstrapServers()).isEqualTo(address);
    assertThat(broker.clusterId()).isEqualTo(clusterId);
    try (var producer = producer(Map.of())) {
      producer.send(new ProducerRecord<>(topic, "k", "after-restart"));
    }
    assertThat(values(readAll(topic, "read_committed", 2))).containsExactly("before-restart", "after-restart");
  }

  @Test
  void aNewBrokerOnAnExistingDataDirFindsTheData(@TempDir Path otherDir) {
    int port;
    String clusterId;
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(otherDir)) {
      port = first.port();
      clusterId = first.clusterId();
      try (Admin firstAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers()))) {
        new TopicProvisioner(firstAdmin, first.bootstrapServers()).ensureTopics(List.of(TopicSpec.of("kept", 1, 1)));
      }
      try (var producer = producer(first, Map.of())) {
        producer.send(new ProducerRecord<>("kept", "k", "written-by-first"));
      }
    }

    try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().dataDir(otherDir).port(port).start()) {
      assertThat(second.clusterId()).isEqualTo(clusterId);
      assertThat(values(readAll(second, "kept", "read_committed", 1))).containsExactly("written-by-first");
    }
  }

  private String provision(String prefix) {
    String topic = prefix + "." + UUID.randomUUID();
    new TopicProvisioner(admin, broker.bootstrapServers()).ensureTopics(List.of(TopicSpec.of(topic, 1, 1)));
    return topic;
  }

  private KafkaProducer<String, String> producer(Map<String, Object> extra) {
    return producer(broker, extra);
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker target, Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"));
    config.putAll(extra);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private List<ConsumerRecord<String, String>> readAll(String topic, String isolation, int expected) {
    return readAll(broker, topic, isolation, expected);
  }

  private static List<ConsumerRecord<String, String>> readAll(EmbeddedKafkaBroker source, String topic,
      String isolation, int expected) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, source.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      // One more poll: nothing beyond the expected records may show up.
      consumer.poll(Duration.ofMillis(300)).forEach(records::add);
    }
    return records;
  }

  private static List<String> values(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::value).toList();
  }
}
