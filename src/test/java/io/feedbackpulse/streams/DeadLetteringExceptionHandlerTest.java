package io.feedbackpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.registry.RegistryUnavailableException;
import io.feedbackpulse.registry.SchemaNotFoundException;
import io.feedbackpulse.service.StreamsProperties;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service's Streams configuration turns an exception no processor foresaw into a dead letter of the
 * record's original bytes and goes on, and fails (for a retry) on a transient one. The topology here is a
 * stand-in whose processor throws for chosen values: the handler, not the processor, is under test.
 */
class DeadLetteringExceptionHandlerTest {
  final InMemorySchemaRegistry registry = InMemorySchemaRegistry.start();
  TopologyTestDriver driver;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
    registry.close();
  }

  @Test
  void anUnforeseenExceptionBecomesADeadLetterAndTheStreamGoesOn() {
    TestInputTopic<String, String> in = start();
    in.pipeInput("k1", "fine");
    in.pipeInput("k2", "boom");
    in.pipeInput("k3", "also fine");

    assertThat(driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer()).readValuesToList())
        .containsExactly("fine", "also fine");
    AvroSerdes avro = new AvroSerdes(RegistrySettings.from(settings()));
    List<TestRecord<String, DeadLetter>> letters = driver.createOutputTopic("feedback.dead-letter",
        new StringDeserializer(), avro.specific(DeadLetter.class, false).deserializer()).readRecordsToList();
    assertThat(letters).hasSize(1);
    DeadLetter letter = letters.get(0).value();
    assertThat(letter.getReason()).isEqualTo(DeadLetteringExceptionHandler.UNEXPECTED_ERROR);
    assertThat(letter.getDetail()).contains("IllegalStateException", "nobody expected");
    assertThat(letter.getSourceTopic()).isEqualTo("in");
    assertThat(letter.getOffset()).isEqualTo(1);
    assertThat(StandardCharsets.UTF_8.decode(letter.getOriginalValue()).toString()).isEqualTo("boom");
    assertThat(letters.get(0).key()).isEqualTo("k2");
  }

  @Test
  void aTransientFailureStopsTheRecordInsteadOfSkippingIt() {
    TestInputTopic<String, String> in = start();
    assertThatThrownBy(() -> in.pipeInput("k1", "registry down")).hasRootCauseInstanceOf(
        RegistryUnavailableException.class);
  }

  @Test
  void anOutputTooLargeToWriteBecomesADeadLetterOfItsSourceRecord() {
    TestInputTopic<String, String> in = start();
    in.pipeInput("k1", "huge");
    in.pipeInput("k2", "fine");

    assertThat(driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer()).readValuesToList())
        .containsExactly("fine");
    List<TestRecord<String, DeadLetter>> letters = deadLetters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).value().getReason()).isEqualTo(DeadLetteringExceptionHandler.OUTPUT_TOO_LARGE);
    assertThat(letters.get(0).value().getDetail()).contains("output.max-bytes");
    assertThat(StandardCharsets.UTF_8.decode(letters.get(0).value().getOriginalValue()).toString()).isEqualTo("huge");
  }

  @Test
  void anOutputWhoseSubjectIsMissingIsRetriedNotDeadLettered() {
    TestInputTopic<String, String> in = start();
    assertThatThrownBy(() -> in.pipeInput("k1", "no subject")).hasRootCauseInstanceOf(SchemaNotFoundException.class);
    assertThat(deadLetters()).isEmpty();
  }

  private List<TestRecord<String, DeadLetter>> deadLetters() {
    AvroSerdes avro = new AvroSerdes(RegistrySettings.from(settings()));
    return driver.createOutputTopic("feedback.dead-letter", new StringDeserializer(),
        avro.specific(DeadLetter.class, false).deserializer()).readRecordsToList();
  }

  @Test
  void aCallOnAClosedModelFailsInsteadOfDeadLetteringTheRecord() {
    TestInputTopic<String, String> in = start();
    assertThatThrownBy(() -> in.pipeInput("k1", "model closed")).hasRootCauseInstanceOf(ModelClosedException.class);
    AvroSerdes avro = new AvroSerdes(RegistrySettings.from(settings()));
    assertThat(driver.createOutputTopic("feedback.dead-letter", new StringDeserializer(),
        avro.specific(DeadLetter.class, false).deserializer()).isEmpty()).as("dead letters").isTrue();
  }

  private TestInputTopic<String, String> start() {
    StreamsBuilder builder = new StreamsBuilder();
    Serializer<String> outputs = (topic, value) -> switch (value) {
      case "huge" -> throw new OutputTooLargeException(topic, 2_000_000, 900_000);
      case "no subject" -> throw new SchemaNotFoundException("Subject 'out-value' not found", 40401);
      default -> value.getBytes(StandardCharsets.UTF_8);
    };
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues(v -> switch (v) {
          case "boom" -> throw new IllegalStateException("nobody expected this");
          case "registry down" -> throw new RegistryUnavailableException("schema registry unreachable");
          case "model closed" -> throw new ModelClosedException("model sha256:0 is closed");
          default -> v;
        })
        .to("out", Produced.with(Serdes.String(), Serdes.serdeFrom(outputs, new StringDeserializer())));
    Properties props = StreamsProperties.from(settings());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "handler-test");
    driver = new TopologyTestDriver(builder.build(), props);
    return driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
  }

  /** Kafka Streams configures a handler for every task it creates; one that never dead-letters costs no thread. */
  @Test
  void aHandlerThatWritesNoDeadLetterStartsNoRegistryClient() {
    Properties p = StreamsProperties.from(settings());
    Map<String, Object> configs = new HashMap<>();
    p.forEach((key, value) -> configs.put(key.toString(), value));
    long before = selectorThreads();
    for (int i = 0; i < 20; i++) {
      new DeadLetteringExceptionHandler().configure(configs);
    }
    assertThat(selectorThreads()).isLessThanOrEqualTo(before);
  }

  private static long selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().endsWith("SelectorManager")).count();
  }

  private Settings settings() {
    return Settings.builder().set("schema.registry.url", registry.url()).set("schema.registry.auto-register", "true")
        .build();
  }
}
