package io.feedbackpulse.models;

import io.feedbackpulse.avro.ModelManifest;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes {@code model.registry}: a compacted topic keyed by version whose latest record per version is
 * that version's manifest. Reading takes every record up to the end (read_committed), so a read sees every change
 * committed before it. One change of the lifecycle (a promotion: the new champion and the old one) is written in
 * one transaction, so that an instance never reads a registry with two champions or none.
 */
public final class ModelRegistryTopic {
  private final Properties clientProperties;
  private final String topic;
  private final Serde<ModelManifest> serde;
  private final Duration timeout;

  /**
   * @param clientProperties bootstrap servers and security settings
   * @param serde the service's Avro serde of {@link ModelManifest} (subject {@code <topic>-value} by default)
   * @param timeout how long a read or write may wait for the cluster
   */
  public ModelRegistryTopic(Properties clientProperties, String topic, Serde<ModelManifest> serde, Duration timeout) {
    this.clientProperties = clientProperties;
    this.topic = topic;
    this.serde = serde;
    this.timeout = timeout;
  }

  /** Every manifest committed to the topic, as a registry of the latest manifest per version. */
  public ModelRegistry read() {
    // A version's records share a partition (keyed by version), so the order within a partition is enough.
    return ModelRegistry.of(CommittedReads.readToEnd(clientProperties, "feedback-pulse-models-", topic,
        serde.deserializer(), timeout).orElseThrow(() -> ModelRegistryException.missing("topic " + topic
            + " does not exist on " + clientProperties.getProperty("bootstrap.servers")
            + " (models commands create it when topics.create=true)")));
  }

  /** Writes these manifests, keyed by version, in one transaction. */
  public void write(List<ModelManifest> manifests) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "feedback-pulse-models-" + UUID.randomUUID());
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
    int requestTimeout = (int) Math.min(timeout.toMillis(), 30_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
    // Kafka wants delivery.timeout.ms >= linger.ms + request.timeout.ms.
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), requestTimeout + 1_000));
    try (KafkaProducer<String, ModelManifest> producer = new KafkaProducer<>(p, new StringSerializer(),
        serde.serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (ModelManifest m : manifests) {
        producer.send(new ProducerRecord<>(topic, m.getVersion(), m));
      }
      producer.commitTransaction();
    } catch (TimeoutException e) {
      throw ModelRegistryException.unreachable("could not write to " + topic + " on "
          + clientProperties.getProperty("bootstrap.servers") + " within " + timeout + ": " + e.getMessage());
    }
  }
}
