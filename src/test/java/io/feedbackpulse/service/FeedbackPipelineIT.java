package io.feedbackpulse.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.channel.AppReview;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.ModelLoading;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistrySettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service with the default model on a real in-process broker and a registry over HTTP:
 * every input exactly once in feedback.scored, negatives in support.alerts, windows published.
 */
class FeedbackPipelineIT {
  @TempDir
  static Path dir;

  static EmbeddedKafkaBroker broker;
  static InMemorySchemaRegistry registry;
  static FeedbackPulseService service;
  static AvroSerdes avro;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
    registry = InMemorySchemaRegistry.start();
    Settings settings = Settings.builder()
        .set("bootstrap.servers", broker.bootstrapServers())
        .set("schema.registry.url", registry.url())
        .set("schema.registry.auto-register", "true")
        .set("application.id", "pipeline-it")
        .set("topics.partitions", "2")
        .set("windows.size", "PT10S")
        .set("windows.grace", "PT5S")
        .set("alerts.negative-threshold", "0.5")
        .set("kafka.state.dir", dir.resolve("state").toString())
        .set("kafka.commit.interval.ms", "100")
        .build();
    avro = new AvroSerdes(RegistrySettings.from(settings));
    service = FeedbackPulseService.start(new Pipeline(settings, ModelLoading.load(settings), Clock.systemUTC()));
    assertThat(service.awaitRunning(Duration.ofSeconds(60))).isTrue();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
      service.closeModelsIfStopped();
    }
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void everyInputIsScoredOnceNegativesAlertAndWindowsClose() {
    Instant t0 = Instant.now().minusSeconds(60);
    List<String> negatives = List.of("The zipper broke the first day and support never answered",
        "Terrible quality, the fabric ripped after one wash. I want a refund.",
        "Worst purchase ever, it arrived damaged and nobody replies");
    List<String> positives = List.of("Fits perfectly, love the colour", "Beautiful dress, great quality, so happy",
        "Fast delivery and the sweater is gorgeous");
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    Map<String, String> expectedIds = new HashMap<>();
    int n = 0;
    for (int round = 0; round < 4; round++) {
      for (String text : concat(negatives, positives)) {
        Instant at = t0.plusMillis(n * 100L);
        String id = "m-" + n;
        String channel = List.of("email", "chat", "app", "social").get(n % 4);
        byte[] value = switch (channel) {
          case "email" -> json("{\"messageId\":\"%s\",\"body\":\"<p>%s</p>\",\"receivedAt\":\"%s\"}", id, text, at);
          case "chat" -> json("{\"messageId\":\"%s\",\"text\":\"%s\",\"sentAt\":%d}", id, text, at.toEpochMilli());
          case "app" -> avro.specific(AppReview.class, false).serializer().serialize("feedback.raw.app",
              AppReview.newBuilder().setReviewId(id).setText(text).setSubmittedAt(at).setRating(3).build());
          default -> json("{\"postId\":\"%s\",\"text\":\"%s\",\"postedAt\":\"%s\"}", id, text, at);
        };
        records.add(new ProducerRecord<>("feedback.raw." + channel, null, at.toEpochMilli(),
            id.getBytes(StandardCharsets.UTF_8), value));
        expectedIds.put(channel + ":" + id, text);
        n++;
      }
    }
    produce(records);
    records.clear();
    // once those are in, a later record per channel moves stream time past their windows
    Instant late = t0.plusSeconds(120);
    for (String channel : List.of("email", "chat", "app", "social")) {
      String id = "late-" + channel;
      records.add(new ProducerRecord<>("feedback.raw." + channel, null, late.toEpochMilli(),
          id.getBytes(StandardCharsets.UTF_8), channel.equals("app")
              ? avro.specific(AppReview.class, false).serializer().serialize("feedback.raw.app",
                  AppReview.newBuilder().setReviewId(id).setText("fine").setSubmittedAt(late).build())
              : json(channel.equals("email") ? "{\"messageId\":\"%s\",\"body\":\"fine\",\"receivedAt\":\"%s\"}"
                  : channel.equals("chat") ? "{\"messageId\":\"%s\",\"text\":\"fine\",\"sentAt\":\"%s\"}"
                  : "{\"postId\":\"%s\",\"text\":\"fine\",\"postedAt\":\"%s\"}", id, late)));
      expectedIds.put(channel + ":" + id, "fine");
    }

    List<String> negativeIds = expectedIds.entrySet().stream().filter(e -> negatives.contains(e.getValue()))
        .map(Map.Entry::getKey).toList();
    Map<String, Integer> scoredCount = new HashMap<>();
    Map<String, ScoredFeedback> scored = new HashMap<>();
    Map<String, SupportAlert> alerts = new HashMap<>();
    List<LabelDistribution> windows = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      consumer.subscribe(List.of("feedback.scored", "support.alerts", "sentiment.distribution"));
      Runnable poll = () -> {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          switch (r.topic()) {
            case "feedback.scored" -> {
              scoredCount.merge(r.key(), 1, Integer::sum);
              scored.put(r.key(), avro.specific(ScoredFeedback.class, false).deserializer()
                  .deserialize(r.topic(), r.value()));
            }
            case "support.alerts" -> alerts.put(r.key(), avro.specific(SupportAlert.class, false).deserializer()
                .deserialize(r.topic(), r.value()));
            default -> windows.add(avro.specific(LabelDistribution.class, false).deserializer()
                .deserialize(r.topic(), r.value()));
          }
        }
      };
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        poll.run();
        assertThat(scoredCount).hasSize(24);
      });
      produce(records);
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        poll.run();
        assertThat(scoredCount.keySet()).containsExactlyInAnyOrderElementsOf(expectedIds.keySet());
        assertThat(windows).extracting(LabelDistribution::getChannel).contains("all", "email", "chat", "app", "social");
        assertThat(windows.stream().filter(w -> w.getChannel().equals("all")).mapToLong(LabelDistribution::getTotal)
            .sum()).as("items in closed windows across all channels").isEqualTo(24);
        // alerts are explained after scoring, on the alert worker, so they may follow their scored records
        assertThat(alerts.keySet()).as("alerted items").containsAll(negativeIds);
      });
    }
    assertThat(scoredCount.values()).allMatch(c -> c == 1);
    expectedIds.forEach((id, text) -> {
      if (negatives.contains(text)) {
        assertThat(scored.get(id).getLabelName()).as(text).isEqualTo("negative");
        assertThat(alerts).as("alert for " + id).containsKey(id);
      }
      if (positives.contains(text)) {
        assertThat(scored.get(id).getLabelName()).as(text).isEqualTo("positive");
        assertThat(alerts).doesNotContainKey(id);
      }
    });
    assertThat(windows.stream().filter(w -> !w.getChannel().equals("all")).mapToLong(LabelDistribution::getTotal)
        .sum()).as("items in closed windows per channel").isEqualTo(24);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static byte[] json(String format, Object... args) {
    return String.format(format, args).getBytes(StandardCharsets.UTF_8);
  }

  private static void produce(List<ProducerRecord<byte[], byte[]>> records) {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      records.forEach(producer::send);
      producer.flush();
    }
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    p.put("group.id", "pipeline-it-reader");
    p.put("isolation.level", "read_committed");
    p.put("auto.offset.reset", "earliest");
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
