package io.feedbackpulse.models;

import io.feedbackpulse.avro.ModelRefusal;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes {@code model.refusals}: a compacted topic keyed {@code version/instance}, one {@link ModelRefusal}
 * per instance and version. Each refusal is a record of its own, not a change to the version's manifest in
 * {@code model.registry}: a read, change and write of the manifest could overwrite a {@code models} command written
 * at the same instant, and the command's write could drop the refusal.
 */
public final class RefusalsTopic {
  private final Properties clientProperties;
  private final String topic;
  private final Serde<ModelRefusal> serde;
  private final Duration timeout;

  public RefusalsTopic(Properties clientProperties, String topic, Serde<ModelRefusal> serde, Duration timeout) {
    this.clientProperties = clientProperties;
    this.topic = topic;
    this.serde = serde;
    this.timeout = timeout;
  }

  /** Every refusal committed, oldest first within a key; none when the topic does not exist (yet). */
  public List<ModelRefusal> read() {
    return CommittedReads.readToEnd(clientProperties, "feedback-pulse-refusals-", topic, serde.deserializer(),
        timeout).orElse(List.of());
  }

  public void write(ModelRefusal refusal) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
    try (KafkaProducer<String, ModelRefusal> producer = new KafkaProducer<>(p, new StringSerializer(),
        serde.serializer())) {
      producer.send(new ProducerRecord<>(topic, refusal.getVersion() + "/" + refusal.getInstance(), refusal)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ModelRegistryException.unreachable("interrupted while writing to " + topic);
    } catch (ExecutionException e) {
      throw ModelRegistryException.unreachable("could not write to " + topic + ": " + e.getCause().getMessage());
    } catch (KafkaException e) {
      throw ModelRegistryException.unreachable("could not write to " + topic + ": " + e.getMessage());
    }
  }
}
