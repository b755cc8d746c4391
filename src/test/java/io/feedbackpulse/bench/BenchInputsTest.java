package io.feedbackpulse.bench;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.demo.SampleReview;
import io.feedbackpulse.demo.SampleReviews;
import io.feedbackpulse.inference.ModelLoading;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.service.Pipeline;
import io.feedbackpulse.streams.TopologyObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/** The raw bench and the pipeline bench measure the same texts: what the real topology scores of the records. */
class BenchInputsTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void theRawBenchsTextsAreWhatThePipelineScoresOfItsRecords() {
    List<SampleReview> reviews = SampleReviews.load();
    try (InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Settings settings = Settings.builder()
          .set("schema.registry.url", registry.url())
          .set("schema.registry.auto-register", "true")
          .set("model.dir", TINY_ROBERTA.toString())
          .build();
      BenchInputs inputs = BenchInputs.of(settings, reviews, 60, 42, Clock.fixed(T0, ZoneOffset.UTC));

      List<String> scoredTexts = scoredTexts(settings, inputs);

      assertThat(inputs.texts()).hasSize(60).isEqualTo(scoredTexts);
      // the channel mix, not the bare reviews: e-mails and chats are shaped around them
      assertThat(inputs.records().stream().map(ProducerRecord::topic).distinct()).hasSize(4);
      assertThat(inputs.texts()).isNotEqualTo(reviews.subList(0, 60).stream().map(SampleReview::text).toList());
    }
  }

  private static List<String> scoredTexts(Settings settings, BenchInputs inputs) {
    Pipeline pipeline = new Pipeline(settings, ModelLoading.load(settings), Clock.fixed(T0, ZoneOffset.UTC),
        TopologyObserver.NONE);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-inputs-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver driver = new TopologyTestDriver(pipeline.topology(), props, T0)) {
      TestOutputTopic<String, ScoredFeedback> scored = driver.createOutputTopic(pipeline.topics().scored(),
          new StringDeserializer(), new AvroSerdes(RegistrySettings.from(settings))
              .specific(ScoredFeedback.class, false).deserializer());
      for (ProducerRecord<byte[], byte[]> r : inputs.records()) {
        driver.createInputTopic(r.topic(), new ByteArraySerializer(), new ByteArraySerializer())
            .pipeInput(r.key(), r.value(), Instant.ofEpochMilli(r.timestamp()));
      }
      driver.advanceWallClockTime(Duration.ofSeconds(1));
      return scored.readValuesToList().stream().map(s -> s.getFeedback().getText()).toList();
    } finally {
      pipeline.models().close();
    }
  }
}
