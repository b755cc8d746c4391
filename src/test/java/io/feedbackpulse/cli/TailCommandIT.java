package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.App;
import io.feedbackpulse.avro.ChallengeMode;
import io.feedbackpulse.avro.ComparisonKind;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ModelInfo;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.ModelLoading;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.service.FeedbackPulseService;
import io.feedbackpulse.service.Pipeline;
import io.feedbackpulse.testing.RawProducers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tail} against a real broker and registry, with the service in this JVM writing the outputs. */
class TailCommandIT {
  @TempDir
  Path dir;

  record Run(int status, String out, String err) {
    List<JsonNode> lines() throws Exception {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : out.strip().split("\n")) {
        lines.add(new ObjectMapper().readTree(line));
      }
      return lines;
    }
  }

  @Test
  void printsScoredRecordsDeadLettersAndComparisonsAsJsonLines() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Settings settings = Settings.builder().set("bootstrap.servers", broker.bootstrapServers())
          .set("schema.registry.url", registry.url()).set("schema.registry.auto-register", "true")
          .set("application.id", "tail-it").set("model.dir", TINY_ROBERTA.toString())
          .set("model.intra-op-threads", "1").set("kafka.commit.interval.ms", "200").build();
      SentimentModel model = ModelLoading.load(settings);
      try (FeedbackPulseService service = FeedbackPulseService.start(new Pipeline(settings, model, Clock.systemUTC()));
          KafkaProducer<byte[], byte[]> producer = RawProducers.to(broker.bootstrapServers())) {
        assertThat(service.awaitRunning(Duration.ofMinutes(2))).isTrue();
        for (int i = 0; i < 3; i++) {
          send(producer, "m-" + i, utf8("{\"messageId\":\"m-" + i + "\",\"text\":\"The zip broke on the first day\"}"));
        }
        send(producer, "bad-json", utf8("{not json"));
        send(producer, "bad-utf8", new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
        producer.flush();

        Run scored = tail(broker, registry, "feedback.scored", "--from-beginning", "--max", "3", "--timeout", "PT60S");
        assertThat(scored.status()).as(scored.err()).isZero();
        assertThat(scored.lines()).extracting(l -> l.get("feedback").get("id").asText())
            .containsExactlyInAnyOrder("chat:m-0", "chat:m-1", "chat:m-2");
        assertThat(scored.lines()).allSatisfy(l -> assertThat(l.get("labelName").asText()).isNotBlank());

        Run dead = tail(broker, registry, "feedback.dead-letter", "--from-beginning", "--max", "2", "--timeout", "PT60S");
        assertThat(dead.status()).as(dead.err()).isZero();
        List<JsonNode> letters = dead.lines();
        assertThat(letters).extracting(l -> l.get("reason").asText())
            .containsExactlyInAnyOrder("invalid_json", "invalid_utf8");
        for (JsonNode letter : letters) {
          if (letter.get("reason").asText().equals("invalid_json")) {
            assertThat(letter.get("originalValue").get("utf8").asText()).isEqualTo("{not json");
            assertThat(letter.get("originalKey").get("utf8").asText()).isEqualTo("bad-json");
          } else {
            assertThat(Base64.getDecoder().decode(letter.get("originalValue").get("base64").asText()))
                .containsExactly('{', (byte) 0xff, (byte) 0xfe, '}');
          }
        }

        // Nothing more comes: the timeout ends it, with nothing printed.
        Run quiet = tail(broker, registry, "feedback.scored", "--timeout", "PT3S");
        assertThat(quiet.status()).as(quiet.err()).isZero();
        assertThat(quiet.out()).isEmpty();

        // A comparison as a shadow challenger writes it (no challenger serves here).
        AvroSerdes avro = new AvroSerdes(RegistrySettings.from(settings));
        byte[] comparison = avro.specific(ModelComparison.class, false).serializer().serialize("model.comparison",
            ModelComparison.newBuilder().setKind(ComparisonKind.window).setChannel("all")
                .setMode(ChallengeMode.shadow).setChampion(new ModelInfo("sha256:aa", "v1"))
                .setChallenger(new ModelInfo("sha256:bb", "v2")).build());
        producer.send(new ProducerRecord<>("model.comparison", utf8("all"), comparison));
        producer.flush();
        Run comparisons = tail(broker, registry, "model.comparison", "--from-beginning", "--max", "1",
            "--timeout", "PT60S");
        assertThat(comparisons.status()).as(comparisons.err()).isZero();
        assertThat(comparisons.lines()).singleElement()
            .satisfies(l -> assertThat(l.get("challenger").get("version").asText()).isEqualTo("v2"));

        Run wrong = tail(broker, registry, "feedback.raw.chat", "--timeout", "PT1S");
        assertThat(wrong.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(wrong.err()).contains("not an output topic").contains("feedback.scored");
      } finally {
        model.close();
      }
    }
  }

  private static Run tail(EmbeddedKafkaBroker broker, InMemorySchemaRegistry registry, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = App.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("tail"));
    all.addAll(List.of(args));
    all.addAll(List.of("--set", "bootstrap.servers=" + broker.bootstrapServers(),
        "--set", "schema.registry.url=" + registry.url()));
    int status = cli.execute(all.toArray(String[]::new));
    return new Run(status, out.toString(), err.toString());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String key, byte[] value) {
    producer.send(new ProducerRecord<>("feedback.raw.chat", utf8(key), value));
  }
}
