package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.streams.TopicReader;
import io.feedbackpulse.streams.TopicReader.Start;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes {@code pipeline.runs}: a compacted topic keyed by run id whose latest record per run is that
 * run's state. A run is written whole at each change of a step, so a reader never has to merge partial records.
 */
public final class PipelineRunsTopic implements AutoCloseable {
  private final Properties clientProperties;
  private final String topic;
  private final Serde<PipelineRun> serde;
  private final Duration timeout;
  private KafkaProducer<String, PipelineRun> producer;

  public PipelineRunsTopic(Properties clientProperties, String topic, Serde<PipelineRun> serde, Duration timeout) {
    this.clientProperties = clientProperties;
    this.topic = topic;
    this.serde = serde;
    this.timeout = timeout;
  }

  /** Writes the run's state and waits until the broker has it: a step's change is on record before the next starts. */
  public void write(PipelineRun run) {
    try {
      producer().send(new ProducerRecord<>(topic, run.getRunId(), run)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing run " + run.getRunId() + " to " + topic, e);
    } catch (Exception e) {
      throw new IllegalStateException("could not write run " + run.getRunId() + " to " + topic + " on "
          + clientProperties.getProperty("bootstrap.servers") + " within " + timeout + ": " + e.getMessage(), e);
    }
  }

  /** Every run's latest state, newest start first; empty when the topic does not exist yet. */
  public List<PipelineRun> read() {
    Map<String, PipelineRun> latest = new LinkedHashMap<>();
    try (TopicReader<PipelineRun> reader = TopicReader.open(clientProperties,
        "feedback-pulse-pipeline-runs-" + UUID.randomUUID(), serde.deserializer())) {
      if (reader.add(topic, Start.beginning(), timeout).isEmpty()) {
        return List.of();
      }
      if (!reader.readToEnd(timeout, r -> {
        if (r.value() != null) {
          latest.put(r.value().getRunId(), r.value());
        }
      })) {
        throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
      }
    }
    return latest.values().stream().sorted(Comparator.comparing(PipelineRun::getStartedAt).reversed()
        .thenComparing(PipelineRun::getRunId)).toList();
  }

  public Optional<PipelineRun> read(String runId) {
    return read().stream().filter(r -> r.getRunId().equals(runId)).findFirst();
  }

  /** Follows the topic from its end for a cancel of the run: open it before the run's first record. */
  public CancelWatch watchCancel(String runId) {
    TopicReader<PipelineRun> reader = TopicReader.open(clientProperties,
        "feedback-pulse-pipeline-cancel-" + UUID.randomUUID(), serde.deserializer());
    reader.add(topic, Start.last(0), timeout);
    return new CancelWatch(reader, runId);
  }

  private KafkaProducer<String, PipelineRun> producer() {
    if (producer == null) {
      Properties p = new Properties();
      p.putAll(clientProperties);
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
      producer = new KafkaProducer<>(p, new StringSerializer(), serde.serializer());
    }
    return producer;
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
