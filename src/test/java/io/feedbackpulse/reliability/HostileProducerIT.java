package io.feedbackpulse.reliability;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.feedbackpulse.App;
import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportCase;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
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
  static final String RETENTION_MARKER = "retention-marker";

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

  /**
   * A backfill: chats whose sentAt is 10 days old, beyond the broker's 7-day retention, on a broker that enforces
   * retention every 200 ms, the outputs read rolling a segment every 100 ms. They carry the event time inside and
   * are kept from when they were written (LogAppendTime): a read_committed reader that comes after the broker
   * enforced retention finds every one, the windows and the case on event time. An output topic made ahead with
   * CreateTime gets one WARN line at start.
   */
  @Test
  void aBackfillOlderThanTheRetentionIsStillReadableFromTheOutputsAfterSegmentsRoll() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka"))
        .property("log.retention.check.interval.ms", "200").property("log.initial.task.delay.ms", "0")
        // Only the outputs read here roll often (segment.ms below). A segment otherwise rolls once its first
        // record's timestamp is log.roll.ms old: in the service's own topics, at every append of a backfill.
        .property("log.roll.ms", Long.toString(Duration.ofDays(30).toMillis())).start();
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start();
        Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("sentiment.drift", 1, (short) 1),
          new NewTopic(RETENTION_MARKER, 1, (short) 1))).all().get();
      Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
      int chats = 20;
      Map<String, String> settings = settings(registry, "backfill-it");
      settings.put("kafka.windowstore.changelog.additional.retention.ms", Long.toString(Duration.ofDays(30).toMillis()));
      try (FeedbackPulseService service = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings);
          KafkaProducer<byte[], byte[]> producer = RawProducers.to(broker.bootstrapServers())) {
        Map<ConfigResource, Collection<AlterConfigOp>> rollOften = new HashMap<>();
        for (String topic : List.of("feedback.scored", "sentiment.distribution", "support.cases")) {
          rollOften.put(new ConfigResource(ConfigResource.Type.TOPIC, topic),
              List.of(new AlterConfigOp(new ConfigEntry("segment.ms", "100"), AlterConfigOp.OpType.SET)));
        }
        admin.incrementalAlterConfigs(rollOften).all().get();
        for (int i = 0; i < chats; i++) {
          send(producer, "feedback.raw.chat", "m-" + i, "{\"messageId\":\"m-" + i + "\",\"customerId\":\"cust-old\","
              + "\"text\":\"Nobody answers my emails about the refund\",\"sentAt\":\"" + tenDaysAgo.plusMillis(50L * i)
              + "\"}");
        }
        producer.flush();
        BackfillOutputs outputs = new BackfillOutputs(broker, ReliabilityFixture.avro(registry.url()));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
            .until(() -> outputs.read().scored.size() == chats);
        // past the windows' end and grace: they close
        chat(producer, "m-closer", "\"" + tenDaysAgo.plus(Duration.ofMinutes(5)) + "\"");
        producer.flush();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
            .until(() -> outputs.read().scored.size() == chats + 1 && outputs.chatWindowTotal() == chats
                && outputs.cases.stream().anyMatch(c -> c.getAlertCount() == chats));
        awaitRetentionEnforced(admin, producer);
        outputs.read();

        assertThat(outputs.scored).extracting(s -> s.getFeedback().getId()).as("every chat, once")
            .hasSize(chats + 1).doesNotHaveDuplicates().contains("chat:m-0", "chat:m-19", "chat:m-closer");
        assertThat(outputs.scored).filteredOn(s -> s.getFeedback().getId().equals("chat:m-0")).singleElement()
            .satisfies(s -> assertThat(s.getFeedback().getEventTime()).isEqualTo(tenDaysAgo));
        assertThat(outputs.chatWindows).as("windows on event time, 10 days ago").isNotEmpty().allSatisfy(w ->
            assertThat(w.getWindowStart()).isBetween(tenDaysAgo.minusSeconds(2), tenDaysAgo.plusSeconds(2)));
        assertThat(outputs.chatWindowTotal()).isEqualTo(chats);
        assertThat(outputs.cases).filteredOn(c -> c.getCaseId().equals("customer:cust-old"))
            .as("the customer's case, on the alerts' event time though support.alerts has append times").last()
            .satisfies(c -> {
              assertThat(c.getAlertCount()).isEqualTo(chats);
              assertThat(c.getOpenedAt()).isBetween(tenDaysAgo, tenDaysAgo.plusSeconds(1));
            });
        assertThat(logs.list.stream().filter(e -> e.getLoggerName().endsWith("OldRecordRetention")
            && e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage))
            .singleElement().asString().startsWith("Output topic sentiment.drift has message.timestamp.type=CreateTime");
        assertThat(service.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
      }
    } finally {
      root.detachAppender(logs);
    }
  }

  /** What a reader that starts now finds, from the beginning, in the outputs of a backfill. */
  private static final class BackfillOutputs {
    private final EmbeddedKafkaBroker broker;
    private final Deserializer<ScoredFeedback> scoredReader;
    private final Deserializer<LabelDistribution> windowReader;
    private final Deserializer<SupportCase> caseReader;
    List<ScoredFeedback> scored = List.of();
    List<LabelDistribution> chatWindows = List.of();
    List<SupportCase> cases = List.of();

    BackfillOutputs(EmbeddedKafkaBroker broker, AvroSerdes avro) {
      this.broker = broker;
      scoredReader = avro.specific(ScoredFeedback.class, false).deserializer();
      windowReader = avro.specific(LabelDistribution.class, false).deserializer();
      caseReader = avro.specific(SupportCase.class, false).deserializer();
    }

    BackfillOutputs read() {
      scored = readAll(broker, "feedback.scored").stream()
          .map(r -> scoredReader.deserialize(r.topic(), r.value())).toList();
      chatWindows = readAll(broker, "sentiment.distribution").stream()
          .map(r -> windowReader.deserialize(r.topic(), r.value())).filter(w -> w.getChannel().equals("chat"))
          .toList();
      cases = readAll(broker, "support.cases").stream().filter(r -> r.value() != null)
          .map(r -> caseReader.deserialize(r.topic(), r.value())).toList();
      return this;
    }

    long chatWindowTotal() {
      return chatWindows.stream().mapToLong(LabelDistribution::getTotal).sum();
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
          "--set", "model.dir=" + TINY_ROBERTA, "--set", "http.port=0",
          "--set", "kafka.state.dir=" + dir.resolve("state"));

      assertThat(exit).isEqualTo(4);
      assertThat(err.toString().lines()).singleElement().asString()
          .startsWith("Cannot start: topics.create=false and 18 topic(s) are missing on " + broker.bootstrapServers())
          .contains("feedback.raw.chat", "feedback.scored", "feedback.labels", "model.quality", "support.cases",
              "model.registry", "model.comparison", "model.refusals", "pipeline.runs",
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

  /**
   * Three records older than the retention, one after the other, each waited out until the broker deleted it: the
   * pass that deleted the third began after the one that deleted the second had ended, and that one began after
   * the outputs were written, so it has checked every segment of theirs.
   */
  private static void awaitRetentionEnforced(Admin admin, KafkaProducer<byte[], byte[]> producer) {
    TopicPartition marker = new TopicPartition(RETENTION_MARKER, 0);
    long old = Instant.now().minus(Duration.ofDays(10)).toEpochMilli();
    for (int i = 1; i <= 3; i++) {
      producer.send(new ProducerRecord<>(RETENTION_MARKER, 0, old, null, utf8("old")));
      producer.flush();
      int deleted = i;
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> admin
          .listOffsets(Map.of(marker, OffsetSpec.earliest())).partitionResult(marker).get().offset() >= deleted);
    }
  }

  /** Every committed record of the topic, from the beginning to its end now. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(EmbeddedKafkaBroker broker, String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    p.put("isolation.level", "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
      });
      return records;
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
