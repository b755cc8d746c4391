package io.feedbackpulse.topology;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.ModelLoading;
import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.models.ServingModels;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.service.Pipeline;
import io.feedbackpulse.streams.TopicNames;
import io.feedbackpulse.streams.TopologyObserver;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production pipeline (settings, ingest, the tiny RoBERTa model, registry serdes over HTTP)
 * in a TopologyTestDriver.
 */
final class TopologyFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  final InMemorySchemaRegistry registry = InMemorySchemaRegistry.start();
  final AvroSerdes avro;
  final Settings settings;
  final Pipeline pipeline;
  private Instant wallClock = T0;
  final TopologyTestDriver driver;
  final TestOutputTopic<String, ScoredFeedback> scored;
  final TestOutputTopic<String, SupportAlert> alerts;
  final TestOutputTopic<byte[], DeadLetter> deadLetters;
  final TestOutputTopic<String, LabelDistribution> distributions;
  final TestOutputTopic<String, ModelComparison> comparisons;

  TopologyFixture(Map<String, String> overrides) {
    this(overrides, TopologyObserver.NONE);
  }

  /** @param observer sees the topology's outputs, as the service's metrics do */
  TopologyFixture(Map<String, String> overrides, TopologyObserver observer) {
    this(overrides, observer, settings -> new ServingModels(ModelLoading.load(settings)));
  }

  /** @param models what the topology scores with; the fixture closes them */
  TopologyFixture(Map<String, String> overrides, ServingModels models) {
    this(overrides, TopologyObserver.NONE, settings -> models);
  }

  private TopologyFixture(Map<String, String> overrides, TopologyObserver observer,
      Function<Settings, ServingModels> models) {
    // alerts are explained in place, so each one is out as soon as its item is piped in
    this(overrides, observer, models, Runnable::run);
  }

  /** @param alertWorker where alerts are explained and given reasons */
  TopologyFixture(Map<String, String> overrides, Executor alertWorker) {
    this(overrides, TopologyObserver.NONE, settings -> new ServingModels(ModelLoading.load(settings)), alertWorker);
  }

  private TopologyFixture(Map<String, String> overrides, TopologyObserver observer,
      Function<Settings, ServingModels> models, Executor alertWorker) {
    Settings.Builder b = Settings.builder()
        .set("schema.registry.url", registry.url())
        .set("schema.registry.auto-register", "true")
        .set("model.dir", TINY_ROBERTA.toString())
        .set("text.max-chars", "2000");
    overrides.forEach(b::set);
    settings = b.build();
    avro = new AvroSerdes(RegistrySettings.from(settings));
    pipeline = new Pipeline(settings, models.apply(settings), Clock.fixed(T0, ZoneOffset.UTC), observer,
        alertWorker);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    overrides.forEach((key, value) -> {
      if (key.startsWith("kafka.")) {
        props.put(key.substring("kafka.".length()), value);
      }
    });
    driver = new TopologyTestDriver(pipeline.topology(), props, T0);
    TopicNames t = pipeline.topics();
    scored = driver.createOutputTopic(t.scored(), new StringDeserializer(),
        avro.specific(ScoredFeedback.class, false).deserializer());
    alerts = driver.createOutputTopic(t.alerts(), new StringDeserializer(),
        avro.specific(SupportAlert.class, false).deserializer());
    deadLetters = driver.createOutputTopic(t.deadLetter(), new ByteArrayDeserializer(),
        avro.specific(DeadLetter.class, false).deserializer());
    distributions = driver.createOutputTopic(t.distribution(), new StringDeserializer(),
        avro.specific(LabelDistribution.class, false).deserializer());
    comparisons = driver.createOutputTopic(t.modelComparison(), new StringDeserializer(),
        avro.specific(ModelComparison.class, false).deserializer());
  }

  /**
   * A channel topic whose records each arrive after the previous one's batch was scored: every
   * pipe is followed by batch.max-wait of wall-clock time, so outputs are there to read at once.
   * The wall clock is first brought up to the record's time, as a producer's clock would be: the
   * service holds record timestamps to its own clock (time.max-future-skew).
   * Batching itself is tested in {@link BatchScoringProcessorTest}.
   */
  void advanceWallClock(Duration by) {
    driver.advanceWallClockTime(by);
    wallClock = wallClock.plus(by);
  }

  SpacedInput input(String topic) {
    return new SpacedInput(driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()));
  }

  final class SpacedInput {
    private final TestInputTopic<byte[], byte[]> topic;

    private SpacedInput(TestInputTopic<byte[], byte[]> topic) {
      this.topic = topic;
    }

    void pipeInput(byte[] key, byte[] value, Instant recordTime) {
      if (recordTime.isAfter(wallClock)) {
        advanceWallClock(Duration.between(wallClock, recordTime));
      }
      topic.pipeInput(key, value, recordTime);
      advanceWallClock(settings.duration("batch.max-wait"));
    }
  }

  void json(String topic, String key, String json, Instant recordTime) {
    input(topic).pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        json == null ? null : json.getBytes(StandardCharsets.UTF_8), recordTime);
  }

  @SuppressWarnings("unchecked")
  <T extends SpecificRecord> byte[] avroBytes(String topic, T record) {
    return avro.specific((Class<T>) record.getClass(), false).serializer().serialize(topic, record);
  }

  Prediction oracle(String normalizedText) {
    return pipeline.model().predict(normalizedText);
  }

  @Override
  public void close() {
    driver.close();
    pipeline.models().close();
    registry.close();
  }
}
