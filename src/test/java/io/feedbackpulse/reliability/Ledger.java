package io.feedbackpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.testing.ReadToEnd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Everything the service committed to its output topics, read with {@code read_committed}: how often each
 * feedback id was scored and alerted, the closed windows, and the dead letters.
 */
final class Ledger implements AutoCloseable {
  static final String SCORED = "feedback.scored";
  static final String ALERTS = "support.alerts";
  static final String DEAD_LETTER = "feedback.dead-letter";
  static final String DISTRIBUTION = "sentiment.distribution";

  final Map<String, Integer> scoredCount = new HashMap<>();
  final Map<String, ScoredFeedback> scored = new HashMap<>();
  /** Every scored record of each id, in the order read (an edited item has one per revision). */
  final Map<String, List<ScoredFeedback>> scoredVersions = new HashMap<>();
  final Map<String, Integer> alertCount = new HashMap<>();
  final Map<String, SupportAlert> alerts = new HashMap<>();
  final List<LabelDistribution> windows = new ArrayList<>();
  final List<DeadLetter> deadLetters = new ArrayList<>();

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Deserializer<ScoredFeedback> scoredReader;
  private final Deserializer<LabelDistribution> windowReader;
  private final Deserializer<SupportAlert> alertReader;
  private final Deserializer<DeadLetter> deadLetterReader;

  Ledger(String bootstrapServers, AvroSerdes avro) {
    scoredReader = avro.specific(ScoredFeedback.class, false).deserializer();
    windowReader = avro.specific(LabelDistribution.class, false).deserializer();
    alertReader = avro.specific(SupportAlert.class, false).deserializer();
    deadLetterReader = avro.specific(DeadLetter.class, false).deserializer();
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("group.id", "ledger-" + UUID.randomUUID());
    p.put("isolation.level", "read_committed");
    p.put("auto.offset.reset", "earliest");
    p.put("max.poll.records", "5000");
    p.put("metadata.max.age.ms", "1000"); // sees the output topics soon after the service creates them
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(SCORED, ALERTS, DEAD_LETTER, DISTRIBUTION));
  }

  Ledger poll() {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
      switch (r.topic()) {
        case SCORED -> {
          ScoredFeedback s = scoredReader.deserialize(r.topic(), r.value());
          scoredCount.merge(s.getFeedback().getId(), 1, Integer::sum);
          scored.put(s.getFeedback().getId(), s);
          scoredVersions.computeIfAbsent(s.getFeedback().getId(), id -> new ArrayList<>()).add(s);
        }
        case ALERTS -> {
          alertCount.merge(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8), 1, Integer::sum);
          SupportAlert a = alertReader.deserialize(r.topic(), r.value());
          alerts.put(a.getFeedbackId(), a);
        }
        case DISTRIBUTION -> windows.add(
            windowReader.deserialize(r.topic(), r.value()));
        default -> deadLetters.add(deadLetterReader.deserialize(r.topic(), r.value()));
      }
    }
    return this;
  }

  /** Reads every output partition to its end: once the service has stopped, that is all it committed. */
  void readToEnd() {
    ReadToEnd.read(consumer, this::poll, Duration.ofSeconds(30));
  }

  long windowTotal(String channel) {
    return windows.stream().filter(w -> w.getChannel().equals(channel)).mapToLong(LabelDistribution::getTotal).sum();
  }

  /**
   * Sends the window closers (one record per channel, past every window) and waits until the
   * closed windows of "all" hold every one of the {@code records} and the closers are scored too.
   */
  void closeWindowsAndAwait(Traffic traffic, int records) {
    traffic.sendWindowClosers(Duration.ofMinutes(10));
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      poll();
      assertThat(windowTotal("all")).isGreaterThanOrEqualTo(records);
      assertThat(scoredCount).hasSize(records + io.feedbackpulse.demo.SampleChannel.values().length);
    });
  }

  /**
   * Every expected id scored exactly once and nothing else scored; each alert-worthy one (negative, or in a language
   * the model does not wholly read) alerted exactly once.
   */
  void assertExactlyOnce(Map<String, String> expectedIdsToChannel, double alertThreshold) {
    assertThat(scoredCount.keySet()).as("scored ids").containsExactlyInAnyOrderElementsOf(expectedIdsToChannel.keySet());
    assertThat(scoredCount.values()).as("times each id was scored").allMatch(c -> c == 1);
    Map<String, Integer> expectedAlerts = new HashMap<>();
    scored.forEach((id, s) -> {
      boolean readAsNegative = s.getLanguageSupported() && s.getLabel() == -1
          && s.getProbabilities().getNegative() >= alertThreshold;
      boolean unread = !s.getLanguageSupported() || s.getScoredPartLanguage() != null;
      if (readAsNegative || unread) {
        expectedAlerts.put(id, 1);
      }
    });
    assertThat(expectedAlerts).as("the test needs some alert-worthy negatives").isNotEmpty();
    assertThat(alertCount).as("alerts per id").isEqualTo(expectedAlerts);
  }

  /** The closed windows hold exactly the inputs of each channel (and of all channels). */
  void assertWindowsAddUp(Map<String, Long> inputsPerChannel) {
    inputsPerChannel.forEach((channel, n) -> assertThat(windowTotal(channel)).as("items in windows of " + channel)
        .isEqualTo(n));
    assertThat(windowTotal("all")).as("items in windows of all channels")
        .isEqualTo(inputsPerChannel.values().stream().mapToLong(Long::longValue).sum());
  }

  @Override
  public void close() {
    consumer.close();
  }
}
