package io.feedbackpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.testing.TestJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `demo --no-sample-traffic` in its own JVM; Kafka's own console producer (another JVM) sends a
 * JSON chat message; the message comes out scored. On SIGTERM the demo deletes its broker's data.
 */
class DemoIT {
  private Process demo;

  @TempDir
  Path tmp;

  @AfterEach
  void stop() throws InterruptedException {
    if (demo != null) {
      demo.destroy();
      if (!demo.waitFor(30, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }
  }

  @Test
  void aMessageFromKafkasConsoleProducerIsScored() throws Exception {
    demo = TestJvm.main("io.feedbackpulse.App").tmpdir(tmp).args("demo", "--no-sample-traffic", "--duration", "PT3M")
        .processBuilder().redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Map<String, String> printed = new ConcurrentHashMap<>();
    BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
    Thread reader = new Thread(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          int eq = line.indexOf('=');
          if (eq > 0 && !line.contains(" ")) {
            printed.put(line.substring(0, eq), line.substring(eq + 1));
          }
        }
      } catch (IOException ignored) {
        // the demo ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    await().atMost(Duration.ofSeconds(120)).until(() -> printed.containsKey("schema.registry.url"));
    String bootstrap = printed.get("bootstrap.servers");
    HttpResponse<String> subjects = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(printed.get("schema.registry.url") + "/subjects")).build(), BodyHandlers.ofString());
    assertThat(new ObjectMapper().readValue(subjects.body(), String[].class))
        .as("registered ahead, as register-schemas does: the models commands run with auto-register=false")
        .contains("model.registry-value", "model.comparison-value", "feedback.scored-value", "feedback.labels-value",
            "feedback.raw.chat-value");

    Process producer = TestJvm.main("org.apache.kafka.tools.ConsoleProducer")
        .args("--bootstrap-server", bootstrap, "--topic", "feedback.raw.chat")
        .processBuilder().redirectErrorStream(true).start();
    try (OutputStream stdin = producer.getOutputStream()) {
      stdin.write("{\"messageId\":\"m-1042\",\"text\":\"My parcel is two weeks late and nobody answers\"}\n"
          .getBytes(StandardCharsets.UTF_8));
    }
    assertThat(producer.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(producer.exitValue()).isZero();

    AvroSerdes avro = new AvroSerdes(RegistrySettings.of(printed.get("schema.registry.url")));
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "demo-it");
    p.put("isolation.level", "read_committed");
    p.put("auto.offset.reset", "earliest");
    List<ScoredFeedback> scored = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("feedback.scored"));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if ("chat:m-1042".equals(r.key())) {
            scored.add(avro.specific(ScoredFeedback.class, false).deserializer().deserialize(r.topic(), r.value()));
          }
        }
        return !scored.isEmpty();
      });
    }
    assertThat(scored).hasSize(1);
    assertThat(scored.get(0).getLabelName()).isEqualTo("negative");

    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(f -> f.getFileName().toString())).anyMatch(f -> f.startsWith("feedback-pulse-kafka-"));
    }
    demo.destroy(); // SIGTERM
    assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(f -> f.getFileName().toString())).as("left behind after SIGTERM")
          .noneMatch(f -> f.startsWith("feedback-pulse-kafka-"));
    }
  }
}
