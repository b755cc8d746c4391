package io.feedbackpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.feedbackpulse.App;
import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.channel.AppReview;
import io.feedbackpulse.avro.channel.ChatFeedback;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistryRetry;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.registry.SchemaRegistration;
import io.feedbackpulse.service.FeedbackPulseService;
import io.feedbackpulse.service.ServiceSchemas;
import io.feedbackpulse.service.StartupCheckException;
import io.feedbackpulse.testing.RawProducers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * What a hostile but realistic producer sends, on a broker with Kafka's default limits (message size
 * ~1 MiB, timestamps at most an hour ahead): event times far off, a record just under the broker's
 * size limit, long e-mails under a short transaction timeout, and a cluster or registry that is not set
 * up for the service. The service stays RUNNING and every good record comes out exactly once.
 */
class HostileProducerIT {
  static final int EMAILS = 16;

  @TempDir
  Path dir;

  @Test
  void eventTimesFarAheadOrBeforeTheEpochNeitherStopTheServiceNorCloseWindowsEarly() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Map<String, String> settings = settings(registry, "event-time-it");
      try (FeedbackPulseService service = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings);
          Ledger ledger = new Ledger(broker.bootstrapServers(), ReliabilityFixture.avro(registry.url()));
          KafkaProducer<byte[], byte[]> producer = RawProducers.to(broker.bootstrapServers())) {
        Instant now = Instant.now();
        chat(producer, "m-ahead", "\"" + now.plus(Duration.ofDays(2)) + "\"");
        chat(producer, "m-2099", "\"2099-01-01T00:00:00Z\"");
        chat(producer, "m-minus-5", "-5");
        Set<String> ordinary = new HashSet<>();
        for (int i = 0; i < 100; i++) {
          chat(producer, "m-" + i, "\"" + now.minusSeconds(6).plusMillis(50L * i) + "\"");
          ordinary.add("chat:m-" + i);
        }
        producer.flush();
        await().atMost(Duration.ofMinutes(1)).until(() -> ledger.poll().scoredCount.size() >= 103);
        // Within time.max-future-skew of its record timestamp, a payload time still counts: this one moves stream
        // time past the windows' end + grace, so they close.
        chat(producer, "m-closer", "\"" + Instant.now().plus(Duration.ofMinutes(2)) + "\"");
        producer.flush();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
            .until(() -> ledger.poll().windowTotal("chat") >= 103);
        ledger.poll().poll();

        assertThat(service.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(ledger.scoredCount.values()).as("each scored once").allMatch(n -> n == 1);
        assertThat(ledger.scoredCount).hasSize(104).containsKeys(ordinary.toArray(String[]::new));
        for (String id : Set.of("chat:m-ahead", "chat:m-2099", "chat:m-minus-5")) {
          ScoredFeedback s = ledger.scored.get(id);
          assertThat(s.getFeedback().getEventTimeSource()).as(id).isEqualTo("record_timestamp_payload_out_of_range");
          assertThat(Duration.between(now, s.getFeedback().getEventTime()).abs()).as(id).isLessThan(Duration.ofMinutes(1));
        }
        assertThat(ledger.scored.get("chat:m-7").getFeedback().getEventTimeSource()).isEqualTo("payload");
        assertThat(ledger.scored.get("chat:m-closer").getFeedback().getEventTimeSource()).isEqualTo("payload");
        assertThat(ledger.windowTotal("chat")).as("the 100 ordinary chats and the 3 re-timed ones, in closed windows")
            .isEqualTo(103);
        assertThat(ledger.deadLetters).isEmpty();
      }
    }
  }

  @Test
  void aRecordJustUnderTheBrokersLimitIsDeadLetteredCutAndTheServiceGoesOn() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      try (FeedbackPulseService service = ReliabilityFixture.startInProcess(broker.bootstrapServers(),
          settings(registry, "size-it"));
          Ledger ledger = new Ledger(broker.bootstrapServers(), ReliabilityFixture.avro(registry.url()));
          KafkaProducer<byte[], byte[]> producer = RawProducers.to(broker.bootstrapServers())) {
        String prefix = "{\"messageId\":\"m-huge\",\"text\":\"";
        String suffix = "\"}";
        String json = prefix + "a".repeat(1_048_400 - prefix.length() - suffix.length()) + suffix;
        send(producer, "feedback.raw.chat", "m-huge", json);
        chat(producer, "m-after", "\"" + Instant.now() + "\"");
        producer.flush();
        await().atMost(Duration.ofMinutes(1))
            .until(() -> ledger.poll().deadLetters.size() == 1 && ledger.scoredCount.containsKey("chat:m-after"));

        DeadLetter letter = ledger.deadLetters.get(0);
        assertThat(letter.getReason()).isEqualTo("record_too_large");
        assertThat(letter.getOriginalValueSize()).isEqualTo(1_048_400);
        assertThat(letter.getOriginalValueTruncated()).isTrue();
        assertThat(letter.getOriginalValue().remaining()).isEqualTo(65_536);
        assertThat(service.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
      }
    }
  }

  /**
   * The default model on 16 e-mails of 12,000 characters, with a 5 s transaction timeout: unbudgeted, one batch
   * of them is minutes of model work and the producer is fenced again and again; budgeted, each batch is well
   * under a second and every e-mail is scored once, over its first model.max-windows windows.
   */
  @Test
  void longTextsUnderAShortTransactionTimeoutAreEachScoredOnceOverTheirFirstWindows() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Map<String, String> settings = settings(registry, "long-texts-it");
      settings.put("model.dir", "classpath:/models/default");
      settings.put("model.intra-op-threads", "2");
      settings.put("kafka.transaction.timeout.ms", "5000");
      try (FeedbackPulseService service = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings);
          Ledger ledger = new Ledger(broker.bootstrapServers(), ReliabilityFixture.avro(registry.url()));
          KafkaProducer<byte[], byte[]> producer = RawProducers.to(broker.bootstrapServers())) {
        String sentence = "The parcel arrived late and the box was damaged, so I would like a refund please. ";
        String body = sentence.repeat(12_000 / sentence.length() + 1).substring(0, 12_000);
        for (int i = 0; i < EMAILS; i++) {
          send(producer, "feedback.raw.email", "e-" + i,
              "{\"messageId\":\"e-" + i + "\",\"body\":\"" + body + "\",\"receivedAt\":\"" + Instant.now() + "\"}");
        }
        producer.flush();
        long started = System.nanoTime();
        await().atMost(Duration.ofMinutes(3)).until(() -> ledger.poll().scoredCount.size() >= EMAILS);
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        ledger.poll();

        assertThat(ledger.scoredCount.values()).as("each e-mail scored once").allMatch(n -> n == 1).hasSize(EMAILS);
        assertThat(ledger.scored.values()).allSatisfy(s -> {
          assertThat(s.getTruncated()).isTrue();
          assertThat(s.getChunkCount()).isEqualTo(16);
        });
        assertThat(ledger.deadLetters).isEmpty();
        assertThat(service.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        System.out.printf("HostileProducerIT: %d e-mails of 12,000 characters scored once each in %d s "
            + "(transaction.timeout.ms=5000, batch.max-tokens=4096, model.max-windows=16)%n", EMAILS, seconds);
      }
    }
  }

  @Test
  void missingOutputSubjectsAreFoundAtStartAndOnceRegisteredNothingIsDeadLettered() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Map<String, String> settings = settings(registry, "subjects-it");
      settings.put("schema.registry.auto-register", "false");

      assertThatThrownBy(() -> ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings))
          .isInstanceOf(StartupCheckException.class)
          .hasMessageContaining("feedback.scored-value")
          .hasMessageContaining("subjects-it-by-customer-repartition-value")
          .hasMessageContaining("register-schemas");

      var s = ReliabilityFixture.build(settings);
      SchemaRegistration registration = new SchemaRegistration(RegistrySettings.from(s),
          new RegistryRetry(3, Duration.ofMillis(100)));
      new ServiceSchemas(s).schemas().forEach(t -> registration.register(t.topic() + "-value", t.schema()));
      try (FeedbackPulseService service = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings);
          Ledger ledger = new Ledger(broker.bootstrapServers(), ReliabilityFixture.avro(registry.url()));
          KafkaProducer<byte[], byte[]> producer = RawProducers.to(broker.bootstrapServers())) {
        for (int i = 0; i < 20; i++) {
          send(producer, "feedback.raw.chat", "m-" + i, "{\"messageId\":\"m-" + i + "\",\"customerId\":\"c-" + (i % 3)
              + "\",\"text\":\"Terrible, the order never came\"}");
        }
        producer.flush();
        await().atMost(Duration.ofMinutes(1)).until(() -> ledger.poll().scoredCount.size() >= 20);
        ledger.poll().poll();
        assertThat(ledger.deadLetters).isEmpty();
        assertThat(ledger.scoredCount.values()).allMatch(n -> n == 1);
        assertThat(service.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
      }
    }
  }

  @Test
  void runWithMissingTopicsItMayNotCreateSaysWhichInOneLineAndExits4() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      StringWriter err = new StringWriter();
      CommandLine cli = App.commandLine();
      cli.setErr(new PrintWriter(err, true));

      int exit = cli.execute("run", "--bootstrap-servers", broker.bootstrapServers(),
          "--set", "topics.create=false", "--set", "schema.registry.url=" + registry.url(),
          "--set", "model.dir=" + ReliabilityFixture.TINY_ROBERTA, "--set", "http.port=0",
          "--set", "kafka.state.dir=" + dir.resolve("state"));

      assertThat(exit).isEqualTo(4);
      assertThat(err.toString().lines()).singleElement().asString()
          .startsWith("Cannot start: topics.create=false and 17 topic(s) are missing on " + broker.bootstrapServers())
          .contains("feedback.raw.chat", "feedback.scored", "feedback.labels", "model.quality", "support.cases",
              "model.registry", "model.comparison", "model.refusals",
              "kafka-topics.sh", "or set topics.create=true");
    }
  }

  /** Each reason code from the exact bytes a producer sent, on a real broker; and personal data masked in every field. */
  @Test
  void everyBadRecordGetsItsReasonAndPersonalDataIsMaskedEverywhere() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Map<String, String> settings = settings(registry, "reasons-it");
      settings.put("pii.redact-scored", "true");
      AvroSerdes avro = ReliabilityFixture.avro(registry.url());
      byte[] chatAvro = avro.specific(ChatFeedback.class, false).serializer().serialize("feedback.raw.chat",
          ChatFeedback.newBuilder().setMessageId("m-avro").setText("fine").build());
      byte[] appAvro = avro.specific(AppReview.class, false).serializer().serialize("feedback.raw.app",
          AppReview.newBuilder().setReviewId("r-avro").setText("fine").build());
      Map<String, byte[]> sent = new LinkedHashMap<>();
      sent.put("null_value", null);
      sent.put("unknown_format", new byte[] {(byte) 0xC3, 0x28, 0x41});
      sent.put("invalid_utf8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'});
      sent.put("invalid_json|null", utf8("null"));
      sent.put("invalid_json|42", utf8("42"));
      sent.put("invalid_json|true", utf8("true"));
      sent.put("invalid_json", utf8("{\"messageId\":\"m-1\",\"text\":"));
      sent.put("invalid_avro", Arrays.copyOf(chatAvro, chatAvro.length - 3));
      byte[] unknownId = chatAvro.clone();
      unknownId[4] = 99;
      sent.put("unknown_schema_id", unknownId);
      sent.put("wrong_schema", appAvro);
      sent.put("missing_field", utf8("{\"messageId\":\"m-2\"}"));
      sent.put("wrong_field_type", utf8("{\"messageId\":\"m-3\",\"text\":42}"));
      sent.put("empty_text", utf8("{\"messageId\":\"m-4\",\"text\":\"\u200F\u202E\u2066\u200B\u2069\"}"));
      sent.put("text_too_long", utf8("{\"messageId\":\"m-5\",\"text\":\"" + "bad ".repeat(6_000) + "\"}"));
      sent.put("record_too_large", utf8("{\"messageId\":\"m-6\",\"text\":\"" + "a".repeat(300_000) + "\"}"));
      try (FeedbackPulseService service = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings);
          Ledger ledger = new Ledger(broker.bootstrapServers(), avro);
          KafkaProducer<byte[], byte[]> producer = RawProducers.to(broker.bootstrapServers())) {
        for (Map.Entry<String, byte[]> e : sent.entrySet()) {
          producer.send(new ProducerRecord<>("feedback.raw.chat", utf8(e.getKey()), e.getValue()));
        }
        send(producer, "feedback.raw.email", "e-pii", "{\"messageId\":\"e-pii\",\"body\":\"Refund to de89 3704 0044 "
            + "0532 0130 00 or call 0049 30 1234567, I am furious\",\"subject\":\"Card 4111 1111 1111 1111 charged "
            + "twice\",\"from\":\"Jane Doe <jane@example.com>\"}");
        producer.flush();
        await().atMost(Duration.ofMinutes(1))
            .until(() -> ledger.poll().deadLetters.size() >= sent.size() && ledger.scoredCount.size() >= 1);
        ledger.poll();

        Map<String, String> reasonBySentKey = new LinkedHashMap<>();
        for (DeadLetter d : ledger.deadLetters) {
          reasonBySentKey.put(StandardCharsets.UTF_8.decode(d.getOriginalKey().duplicate()).toString(), d.getReason());
        }
        Map<String, String> expected = new LinkedHashMap<>();
        sent.keySet().forEach(k -> expected.put(k, k.split("\\|")[0]));
        assertThat(reasonBySentKey).isEqualTo(expected);

        ScoredFeedback email = ledger.scored.get("email:e-pii");
        assertThat(email.getFeedback().getText()).contains("[iban]", "[phone]").doesNotContain("3704", "1234567");
        assertThat(email.getFeedback().getSubject()).isEqualTo("Card [card] charged twice");
        assertThat(email.getFeedback().getAttributes()).containsEntry("from", "[redacted]");
        assertThat(service.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
      }
    }
  }

  /** A flood of records with an unregistered schema id and of JSON nulls: every one dead-lettered, a few log lines. */
  @Test
  void aFloodOfBadRecordsIsAFewLogLinesWithoutTraces() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      AvroSerdes avro = ReliabilityFixture.avro(registry.url());
      byte[] unknownId = avro.specific(ChatFeedback.class, false).serializer().serialize("feedback.raw.chat",
          ChatFeedback.newBuilder().setMessageId("m-avro").setText("fine").build());
      unknownId[4] = 99;
      try (FeedbackPulseService service = ReliabilityFixture.startInProcess(broker.bootstrapServers(),
          settings(registry, "flood-it"));
          Ledger ledger = new Ledger(broker.bootstrapServers(), avro);
          KafkaProducer<byte[], byte[]> producer = RawProducers.to(broker.bootstrapServers())) {
        logs.list.clear();
        for (int i = 0; i < 300; i++) {
          producer.send(new ProducerRecord<>("feedback.raw.chat", utf8("k-" + i), unknownId));
          producer.send(new ProducerRecord<>("feedback.raw.app", utf8("k-" + i), utf8("null")));
        }
        producer.flush();
        await().atMost(Duration.ofMinutes(1)).until(() -> ledger.poll().deadLetters.size() >= 600);

        List<ILoggingEvent> floodLines = logs.list.stream()
            .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
            .filter(e -> e.getLoggerName().startsWith("io.feedbackpulse") || e.getLoggerName().startsWith("io.apicurio"))
            .toList();
        assertThat(ledger.deadLetters).hasSize(600);
        assertThat(floodLines).as("one line per reason (the counts follow every 30 s)").hasSize(2)
            .allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
        assertThat(service.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
      }
    } finally {
      root.detachAppender(logs);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Map<String, String> settings(InMemorySchemaRegistry registry, String applicationId) {
    Map<String, String> settings = new LinkedHashMap<>(ReliabilityFixture.settings(registry.url(), applicationId));
    settings.put("kafka.state.dir", dir.resolve("state-" + applicationId).toString());
    return settings;
  }

  private static void chat(KafkaProducer<byte[], byte[]> producer, String id, String sentAt) {
    send(producer, "feedback.raw.chat", id,
        "{\"messageId\":\"" + id + "\",\"text\":\"The zip broke on the first day\",\"sentAt\":" + sentAt + "}");
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, String json) {
    producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8)));
  }
}
