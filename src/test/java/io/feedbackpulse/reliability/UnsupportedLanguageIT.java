package io.feedbackpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.service.FeedbackPulseService;
import io.feedbackpulse.testing.RawProducers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chinese complaints on a real broker with exactly-once, half of them through the customer-keyed repartition
 * topic: published to feedback.scored once each as zh and unsupported, alerted once each for a person to read
 * (reason unsupported_language), not in the closed windows; the English negatives beside them are alerted as
 * negative, and every English item counted.
 */
class UnsupportedLanguageIT {
  static final List<String> CHINESE = List.of("快递太慢了,等了两个星期才到,包装也破了,非常失望,要求退款。",
      "客服一直不回复,质量太差了,我要投诉。", "衣服洗一次就坏了,太差了,再也不买了。", "太差了,退款!",
      "服务态度很差,再也不来了。", "东西坏了,没人管。");
  static final List<String> ENGLISH = List.of("The zip broke on the first day", "Terrible, the order never came",
      "Nobody answers my emails about the refund", "terrible quality, returned it", "The zipper broke the first day",
      "awful fabric and it shrank in the wash");

  @TempDir
  Path dir;

  @Test
  void chineseComplaintsAreScoredFlaggedAndSentToAPersonButNotCountedInWindows() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Map<String, String> settings = new LinkedHashMap<>(ReliabilityFixture.settings(registry.url(), "language-it"));
      settings.put("kafka.state.dir", dir.resolve("state").toString());
      try (FeedbackPulseService service = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings);
          Ledger ledger = new Ledger(broker.bootstrapServers(), ReliabilityFixture.avro(registry.url()));
          KafkaProducer<byte[], byte[]> producer = RawProducers.to(broker.bootstrapServers())) {
        Instant now = Instant.now();
        for (int i = 0; i < CHINESE.size(); i++) {
          chat(producer, "zh-" + i, CHINESE.get(i), i % 2 == 0 ? "cust-" + i : null, now);
          chat(producer, "en-" + i, ENGLISH.get(i), i % 2 == 0 ? "cust-" + i : null, now);
        }
        producer.flush();
        await().atMost(Duration.ofMinutes(1)).until(() -> ledger.poll().scoredCount.size() >= 12);
        // past every window's end and grace: the windows close
        chat(producer, "closer", "fine", null, Instant.now().plus(Duration.ofMinutes(2)));
        producer.flush();
        List<String> englishNegatives = ids("en-").stream()
            .filter(id -> isAlertWorthy(ledger.scored.get(id))).toList();
        assertThat(englishNegatives).as("the tiny model calls some English texts negative").isNotEmpty();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> ledger.poll()
            .windowTotal("chat") >= 6 && ledger.alertCount.keySet().containsAll(englishNegatives)
            && ledger.alertCount.keySet().containsAll(ids("zh-")));
        ledger.poll().poll();

        assertThat(ledger.scoredCount).hasSize(13);
        assertThat(ledger.scoredCount.values()).as("each scored once").allMatch(n -> n == 1);
        for (String id : ids("zh-")) {
          assertThat(ledger.scored.get(id).getFeedback().getLanguage()).as(id).isEqualTo("zh");
          assertThat(ledger.scored.get(id).getLanguageSupported()).as(id).isFalse();
        }
        assertThat(ids("zh-").stream().filter(id -> isAlertWorthy(ledger.scored.get(id))))
            .as("Chinese texts the model guesses negative: their alerts must not say so").isNotEmpty();
        assertThat(ids("en-")).allSatisfy(id -> assertThat(ledger.scored.get(id).getLanguageSupported()).isTrue());
        for (String id : ids("zh-")) {
          assertThat(ledger.alerts.get(id).getReason()).as(id).isEqualTo("unsupported_language");
          assertThat(ledger.alerts.get(id).getLanguage()).as(id).isEqualTo("zh");
        }
        englishNegatives.forEach(id -> assertThat(ledger.alerts.get(id).getReason()).as(id).isEqualTo("negative"));
        ledger.alertCount.remove("chat:closer");
        List<String> expected = new ArrayList<>(englishNegatives);
        expected.addAll(ids("zh-"));
        assertThat(ledger.alertCount).as("alerts: the English negatives and every Chinese item, once each")
            .isEqualTo(expected.stream().collect(Collectors.toMap(id -> id, id -> 1)));
        assertThat(ledger.windowTotal("chat")).as("closed chat windows hold the English items only").isEqualTo(6);
        assertThat(ledger.windowTotal("all")).isEqualTo(6);
        assertThat(ledger.deadLetters).isEmpty();
      }
    }
  }

  private static boolean isAlertWorthy(ScoredFeedback s) {
    return s.getLabel() == -1 && s.getProbabilities().getNegative() >= ReliabilityFixture.ALERT_THRESHOLD;
  }

  private static List<String> ids(String prefix) {
    return java.util.stream.IntStream.range(0, CHINESE.size()).mapToObj(i -> "chat:" + prefix + i).toList();
  }

  private static void chat(KafkaProducer<byte[], byte[]> producer, String id, String text, String customer,
      Instant sentAt) {
    String json = "{\"messageId\":\"" + id + "\",\"text\":\"" + text + "\",\"sentAt\":\"" + sentAt + "\""
        + (customer == null ? "" : ",\"customerId\":\"" + customer + "\"") + "}";
    producer.send(new ProducerRecord<>("feedback.raw.chat", id.getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8)));
  }
}
