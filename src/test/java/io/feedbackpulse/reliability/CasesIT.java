package io.feedbackpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.avro.CaseAlert;
import io.feedbackpulse.avro.CaseReason;
import io.feedbackpulse.avro.ScoredReason;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.SupportCase;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.testing.RawProducers;
import io.feedbackpulse.testing.ReadToEnd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once of cases across a crash: the service in a JVM of its own is SIGKILLed while the alerts of 12
 * customers flow (5 chats each, every text negative for the tiny model), and started again. Read with
 * read_committed, each case's records count its alerts 1, 2, 3, ... with none skipped or repeated, list each
 * alert once, escalate after the third, and count each alert's complaint reasons once.
 */
class CasesIT {
  static final int CUSTOMERS = 12;
  static final int PER_CUSTOMER = 5;
  static final List<String> NEGATIVE = List.of("Nobody answers my emails about the refund", "ok",
      "The zipper broke the first day", "Where is my parcel?", "great");

  @TempDir
  Path dir;

  @Test
  void killedWhileCasesGrowNoAlertIsLostOrCountedTwice() throws Exception {
    Path logs = Path.of("target", "reliability-logs", "cases");
    ServiceProcess service = null;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start();
        KafkaProducer<byte[], byte[]> producer = RawProducers.to(broker.bootstrapServers());
        Outputs outputs = new Outputs(broker.bootstrapServers(), ReliabilityFixture.avro(registry.url()))) {
      Map<String, String> settings = ReliabilityFixture.settings(registry.url(), "cases-it");
      settings.put("kafka.state.dir", dir.resolve("state").toString());
      settings.put("cases.escalate-after", "3");
      settings.put("reasons.top", "2");
      service = ServiceProcess.startRunning(broker.bootstrapServers(), settings, logs.resolve("run-0.log"));

      int sent = 0;
      for (int round = 0; round < PER_CUSTOMER; round++) {
        for (int c = 0; c < CUSTOMERS; c++) {
          chat(producer, "m-" + round + "-" + c, "cust-" + c, NEGATIVE.get((round + c) % NEGATIVE.size()));
          sent++;
        }
        producer.flush();
        if (round == 2) {
          // some cases committed, more under way: then the crash
          await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
              .until(() -> outputs.poll().caseRecords() >= CUSTOMERS);
          service.kill();
          service = ServiceProcess.startRunning(broker.bootstrapServers(), settings, logs.resolve("run-1.log"));
        }
        // pacing, not a wait: the rounds arrive over time, as chats do, so the kill lands while cases grow
        Thread.sleep(300);
      }
      int total = sent;
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
          .until(() -> outputs.poll().alertIds().size() == total && outputs.casesCaughtUp());
      assertThat(service.terminate(60)).isZero();
      // stopped: what is committed now is all there will be, doubles included
      outputs.readToEnd();

      assertThat(outputs.alertIds()).as("every chat is an alert").hasSize(total);
      assertThat(outputs.alerts).extracting(SupportAlert::getFeedbackId).as("alert records, none doubled")
          .hasSize(total).doesNotHaveDuplicates();
      Map<String, Set<String>> alertsByCase = outputs.alerts.stream().collect(Collectors.groupingBy(
          SupportAlert::getCaseId, Collectors.mapping(SupportAlert::getFeedbackId, Collectors.toSet())));
      assertThat(alertsByCase).hasSize(CUSTOMERS);
      alertsByCase.forEach((caseId, ids) -> {
        List<SupportCase> history = outputs.cases.get(caseId);
        assertThat(history).as(caseId).extracting(SupportCase::getAlertCount)
            .containsExactlyElementsOf(IntStream.rangeClosed(1, PER_CUSTOMER).boxed().toList());
        assertThat(history).as(caseId).extracting(SupportCase::getEscalated)
            .containsExactly(false, false, false, true, true);
        SupportCase last = history.get(history.size() - 1);
        assertThat(last.getAlerts()).extracting(CaseAlert::getFeedbackId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(reasonCounts(last)).as(caseId + ": each alert's reasons counted once")
            .isEqualTo(reasonCounts(outputs.alerts.stream().filter(a -> a.getCaseId().equals(caseId)).toList()));
      });
      assertThat(outputs.alerts).as("alerts with their complaint reasons").anySatisfy(a ->
          assertThat(a.getReasons()).isNotEmpty());
      System.out.printf("CasesIT: %d alerts in %d cases across a SIGKILL, %d case records, lost 0, doubled 0%n",
          outputs.alerts.size(), alertsByCase.size(), outputs.caseRecords());
    } finally {
      if (service != null && service.isAlive()) {
        service.kill();
      }
    }
  }

  private static Map<String, Integer> reasonCounts(SupportCase c) {
    return c.getReasons().stream().collect(Collectors.toMap(CaseReason::getName, CaseReason::getAlerts));
  }

  private static Map<String, Integer> reasonCounts(List<SupportAlert> alerts) {
    return alerts.stream().flatMap(a -> a.getReasons().stream())
        .collect(Collectors.toMap(ScoredReason::getName, r -> 1, Integer::sum));
  }

  private static void chat(KafkaProducer<byte[], byte[]> producer, String id, String customer, String text) {
    String json = "{\"messageId\":\"" + id + "\",\"text\":\"" + text + "\",\"customerId\":\"" + customer + "\"}";
    producer.send(new ProducerRecord<>("feedback.raw.chat", null, json.getBytes(StandardCharsets.UTF_8)));
  }

  /** support.alerts and support.cases as committed. */
  private static final class Outputs implements AutoCloseable {
    /** Every alert record read, a doubled one twice. */
    final List<SupportAlert> alerts = new ArrayList<>();
    final Map<String, List<SupportCase>> cases = new HashMap<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<SupportAlert> alertReader;
    private final Deserializer<SupportCase> caseReader;

    Outputs(String bootstrapServers, AvroSerdes avro) {
      alertReader = avro.specific(SupportAlert.class, false).deserializer();
      caseReader = avro.specific(SupportCase.class, false).deserializer();
      Properties p = new Properties();
      p.put("bootstrap.servers", bootstrapServers);
      p.put("group.id", "cases-" + UUID.randomUUID());
      p.put("isolation.level", "read_committed");
      p.put("auto.offset.reset", "earliest");
      p.put("metadata.max.age.ms", "1000");
      consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      consumer.subscribe(List.of("support.alerts", "support.cases"));
    }

    Outputs poll() {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        if (r.topic().equals("support.alerts")) {
          SupportAlert a = alertReader.deserialize(r.topic(), r.value());
          alerts.add(a);
        } else {
          String key = new String(r.key(), StandardCharsets.UTF_8);
          cases.computeIfAbsent(key, k -> new ArrayList<>()).add(caseReader.deserialize(r.topic(), r.value()));
        }
      }
      return this;
    }

    void readToEnd() {
      ReadToEnd.read(consumer, this::poll, Duration.ofSeconds(30));
    }

    Set<String> alertIds() {
      return alerts.stream().map(SupportAlert::getFeedbackId).collect(Collectors.toSet());
    }

    int caseRecords() {
      return cases.values().stream().mapToInt(List::size).sum();
    }

    /** Every case's latest record counts all the alerts (distinct ids) that name it. */
    boolean casesCaughtUp() {
      Map<String, Set<String>> expected = alerts.stream().collect(Collectors.groupingBy(SupportAlert::getCaseId,
          Collectors.mapping(SupportAlert::getFeedbackId, Collectors.toSet())));
      return expected.entrySet().stream().allMatch(e -> {
        List<SupportCase> history = cases.get(e.getKey());
        return history != null && history.get(history.size() - 1).getAlertCount() >= e.getValue().size();
      });
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
