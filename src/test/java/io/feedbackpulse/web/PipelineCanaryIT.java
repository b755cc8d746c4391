package io.feedbackpulse.web;

import static io.feedbackpulse.testing.LabelledRecords.item;
import static io.feedbackpulse.testing.Cli.cli;
import static io.feedbackpulse.testing.Cli.modelStages;
import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.cli.ExitStatus;
import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.ingest.TextFormat;
import io.feedbackpulse.ingest.TextNormalizer;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.testing.HttpModelStore;
import io.feedbackpulse.testing.Cli;
import io.feedbackpulse.testing.ModelVersions;
import io.feedbackpulse.testing.RawProducers;
import io.feedbackpulse.training.LabeledCsv;
import io.feedbackpulse.training.LabeledExample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntUnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import io.feedbackpulse.avro.ScoredFeedback;
import java.time.Instant;
import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary rollout of {@code pipeline run} on a real broker, against a running service that receives chats and
 * their labels all along (10 a second). The runs train on labelled e-mails written to feedback.labelled (tiny-roberta,
 * v1, is the champion), so the chats never reach a snapshot.
 *
 * <p>First the chats are labelled with what v1 itself says of them (an oracle computed here with the same model):
 * v1's live accuracy is 1 and the candidate's macro-F1 far below v1's, so the canary's share of 0.5 rolls back on
 * live quality, with both figures in the run's record, and v1 keeps serving. Then a few more e-mails make another
 * candidate, in a run that {@code pipeline watch} starts on their labels: it serves its share (each comparison is an
 * item it served), its live agreement is recorded, live quality is recorded as not judged (pipeline.canary.min-labelled
 * set out of reach: a head trained on 105 e-mails need not beat v1 on these chats), and it is promoted:
 * {@code models list --json} shows it champion. Across both canaries, the rollback and the promotion every chat is
 * scored exactly once, and the chats sent once it serves are scored by the new champion.
 */
class PipelineCanaryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PER_LABEL = 30;
  private static final int CHATS = 400;

  @TempDir
  Path dir;

  @Test
  void aCanaryRollsBackOnWorseLiveQualityThenPromotesACandidateWhoseLiveEvidenceHolds() throws Exception {
    TextNormalizer normalizer = new TextNormalizer();
    List<LabeledExample> sample = LabeledCsv.read(Path.of("src/main/resources/sample/reviews-sample.csv")).stream()
        .filter(e -> normalizer.normalize(e.text(), TextFormat.PLAIN).equals(e.text())).toList();
    List<LabeledExample> emails = new ArrayList<>();
    List<LabeledExample> moreEmails = new ArrayList<>();
    for (Sentiment label : Sentiment.values()) {
      List<LabeledExample> ofLabel = sample.stream().filter(e -> e.label() == label).limit(PER_LABEL + 5).toList();
      emails.addAll(ofLabel.subList(0, PER_LABEL));
      moreEmails.addAll(ofLabel.subList(PER_LABEL, ofLabel.size()));
    }
    List<LabeledExample> chats = sample.stream().filter(e -> !emails.contains(e) && !moreEmails.contains(e))
        .limit(CHATS).toList();
    assertThat(chats).hasSize(CHATS);
    int[] v1Says = new int[CHATS];
    try (SentimentModel v1 = ModelVersions.load(TINY_ROBERTA)) {
      List<Prediction> predictions = v1.predict(chats.stream().map(LabeledExample::text).toList());
      for (int i = 0; i < CHATS; i++) {
        v1Says[i] = predictions.get(i).label().value();
      }
    }

    try (LiveServiceFixture live = new LiveServiceFixture(dir, "pipeline-canary-it");
        HttpModelStore store = new HttpModelStore()) {
      // One partition: a single task scores every chat, so no comparison comes later than the windows' grace. A long
      // grace holds each comparison window back while the labels of its items travel to model.quality.
      ServiceWithHttp instance = live.startInstance(Map.of("topics.partitions", "1", "windows.grace", "PT10S"));
      await().atMost(Duration.ofSeconds(60)).until(() -> instance.service().isReady());
      String[] cluster = {"--set", "bootstrap.servers=" + live.broker.bootstrapServers(),
          "--set", "schema.registry.url=" + live.registry.url(), "--set", "schema.registry.auto-register=true",
          "--set", "pipeline.model-store=" + dir.resolve("store"),
          // the runs publish their models over HTTP, and the instance serves them from there
          "--set", "pipeline.model-store.publish=" + store.url(),
          "--set", "models.cache-dir=" + dir.resolve("fetched"),
          "--set", "pipeline.train.epochs=30", "--set", "pipeline.checks.min-rows=60",
          "--set", "pipeline.rollout=canary", "--set", "pipeline.canary.steps=0.5,1.0",
          "--set", "pipeline.canary.min-items=40",
          "--set", "pipeline.canary.poll-interval=PT0.5S", "--set", "pipeline.canary.max-wait=PT90S"};
      assertThat(cli(cluster, "models", "register", "--dir", TINY_ROBERTA.toString(), "--version", "v1").status())
          .isZero();
      assertThat(cli(cluster, "models", "promote", "v1").status()).isZero();
      labelledEmails(live, emails, 0, Instant.now());

      try (Chats traffic = new Chats(live.broker.bootstrapServers(), chats, i -> v1Says[i])) {
        Cli worse = cli(cluster, "pipeline", "run", "--channel", "email", "--json",
            "--set", "pipeline.canary.min-labelled=10");
        JsonNode run = record(worse);
        JsonNode rollout = run.at("/steps/5/outputs");

        assertThat(worse.status()).as(rollout.toString()).isEqualTo(ExitStatus.REFUSED);
        assertThat(lastLine(worse.err())).as(worse.out()).startsWith("Refused: pipeline run r")
            .contains(" rollout: at share 0.50 live macro-F1 ").contains(" of the champion over ")
            .contains("models.gate.max-regression 0.0100; pipeline-r")
            .contains(" is archived");
        assertThat(run.path("status").asText()).isEqualTo("rolled_back");
        assertThat(rollout.path("canary.0.5.n").asLong()).isGreaterThanOrEqualTo(40);
        assertThat(rollout.path("canary.0.5.quality.champion.accuracy").asText()).as("v1's own labels")
            .isEqualTo("1.0000");
        assertThat(rollout.path("canary.0.5.quality.candidate.macro_f1").asDouble())
            .isLessThan(rollout.path("canary.0.5.quality.champion.macro_f1").asDouble() - 0.01);
        assertThat(rollout.path("canary.0.5.quality.champion.labelled").asLong()).isGreaterThanOrEqualTo(10);
        assertThat(rollout.path("canary.0.5.quality.candidate.labelled").asLong()).isGreaterThanOrEqualTo(10);
        assertThat(rollout.path("canary.0.5.quality").asText()).startsWith("worse: macro-F1 ");
        assertThat(modelStages(cluster)).containsExactlyInAnyOrder("v1 champion",
            run.path("candidateVersion").asText() + " archived");

        traffic.labelWith(i -> chats.get(i).label().value());
        // the e-mails labelled now, after the refused run started, are what the watch's label trigger counts
        labelledEmails(live, moreEmails, emails.size(), Instant.now());
        // live quality not judged here: this candidate, trained on 105 e-mails, need not beat v1 on chats
        Cli better = cli(cluster, "pipeline", "watch", "--channel", "email", "--max-runs", "1",
            "--set", "pipeline.trigger.min-new-labels=" + moreEmails.size(), "--set", "pipeline.watch.interval=PT0.5S",
            "--set", "pipeline.canary.min-labelled=1000000");

        assertThat(better.status()).as(better.out() + better.err()).isZero();
        assertThat(better.out()).contains("starting a run: labels: " + moreEmails.size() + " labels since ");
        JsonNode promoted = cli(cluster, "pipeline", "list", "--json").jsonLines().get(0);
        String version = promoted.path("candidateVersion").asText();
        assertThat(promoted.path("trigger").asText()).startsWith("labels: " + moreEmails.size() + " labels since ");
        assertThat(promoted.path("status").asText()).isEqualTo("succeeded");
        JsonNode evidence = promoted.at("/steps/5/outputs");
        assertThat(evidence.path("stage").asText()).isEqualTo("champion");
        assertThat(evidence.path("canary.0.5.n").asLong()).as("items it served").isGreaterThanOrEqualTo(40);
        assertThat(evidence.path("canary.0.5.agreement").asDouble()).isBetween(0.0, 1.0);
        assertThat(evidence.path("canary.0.5.quality").asText())
            .endsWith("labelled items, below pipeline.canary.min-labelled 1000000: not judged");
        assertThat(promoted.path("reason").asText()).contains(version + " is the champion (was v1)")
            .contains("live agreement ");
        assertThat(modelStages(cluster)).contains(version + " champion", "v1 candidate");
        assertThat(store.stored()).as("both runs' models, published").containsOnlyKeys(
            "/models/" + run.path("candidateVersion").asText() + ".tar.gz", "/models/" + version + ".tar.gz");
        assertThat(cli(cluster, "models", "list", "--json").jsonLines()).filteredOn(m -> m.path("version").asText()
            .equals(version)).singleElement().satisfies(m -> assertThat(m.path("location").asText())
            .isEqualTo(store.url() + "/" + version + ".tar.gz"));

        // exactly once across both canaries, the rollback and the promotion: every chat sent is scored once, and
        // those sent once the new champion serves are scored by it
        int sentBeforeServed = traffic.sent();
        try (ScoredChats scored = new ScoredChats(live)) {
          await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
              scored.poll().byId.values().stream().anyMatch(s -> s.get(0).getModel().getVersion().equals(version)
                  && chatNumber(s.get(0)) >= sentBeforeServed));
          traffic.close();
          int sent = traffic.sent();
          await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
              .until(() -> scored.poll().byId.size() >= sent);
          scored.poll();
          assertThat(scored.byId.keySet()).as("each chat sent").hasSize(sent)
              .allMatch(id -> chatNumber(id) < sent);
          assertThat(scored.byId.values()).as("scored once").allMatch(versions -> versions.size() == 1);
          int last = sent - 1;
          assertThat(scored.byId.get("chat:c-" + last).get(0).getModel().getVersion()).as("the last chat's model")
              .isEqualTo(version);
        }
      }
    }
  }

  private static int chatNumber(ScoredFeedback s) {
    return chatNumber(s.getFeedback().getId());
  }

  private static int chatNumber(String id) {
    return Integer.parseInt(id.substring("chat:c-".length()));
  }

  /** The chats on feedback.scored as a read_committed consumer sees them, each id's records in order. */
  private static final class ScoredChats implements AutoCloseable {
    final Map<String, List<ScoredFeedback>> byId = new HashMap<>();
    private final KafkaConsumer<byte[], ScoredFeedback> consumer;

    ScoredChats(LiveServiceFixture live) {
      Properties p = new Properties();
      p.put("bootstrap.servers", live.broker.bootstrapServers());
      p.put("group.id", "pipeline-canary-it-scored-" + UUID.randomUUID());
      p.put("auto.offset.reset", "earliest");
      p.put("isolation.level", "read_committed");
      consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
          new AvroSerdes(RegistrySettings.of(live.registry.url())).specific(ScoredFeedback.class, false)
              .deserializer());
      consumer.subscribe(List.of("feedback.scored"));
    }

    ScoredChats poll() {
      for (ConsumerRecord<byte[], ScoredFeedback> r : consumer.poll(Duration.ofMillis(500))) {
        if (r.value().getFeedback().getId().startsWith("chat:c-")) {
          byId.computeIfAbsent(r.value().getFeedback().getId(), id -> new ArrayList<>()).add(r.value());
        }
      }
      return this;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  /** Chats with ids c-0, c-1, ... on feedback.raw.chat, 10 a second, each with a label right after it. */
  private static final class Chats implements AutoCloseable {
    private final Thread sender;
    private final AtomicInteger sent = new AtomicInteger();
    private volatile IntUnaryOperator label;
    private volatile boolean closing;

    Chats(String bootstrap, List<LabeledExample> texts, IntUnaryOperator label) {
      this.label = label;
      sender = new Thread(() -> {
        try (KafkaProducer<byte[], byte[]> producer = RawProducers.to(bootstrap)) {
          for (int n = 0; !closing; n++) {
            int i = n % texts.size();
            String id = "c-" + n;
            producer.send(new ProducerRecord<>("feedback.raw.chat", bytes(id), JSON.writeValueAsBytes(
                JSON.createObjectNode().put("messageId", id).put("text", texts.get(i).text()))));
            producer.send(new ProducerRecord<>("feedback.labels", bytes("chat:" + id), JSON.writeValueAsBytes(
                JSON.createObjectNode().put("id", "chat:" + id).put("label", this.label.applyAsInt(i))
                    .put("source", "agent").put("labeler", "it"))));
            sent.set(n + 1);
            Thread.sleep(100);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "chats");
      sender.start();
    }

    /** How many chats were sent: c-0 to c-(sent - 1). */
    int sent() {
      return sent.get();
    }

    void labelWith(IntUnaryOperator label) {
      this.label = label;
    }

    @Override
    public void close() throws InterruptedException {
      closing = true;
      sender.join(10_000);
    }

    private static byte[] bytes(String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Labelled e-mails on feedback.labelled, as the service writes them: what the runs snapshot. */
  private static void labelledEmails(LiveServiceFixture live, List<LabeledExample> examples, int firstId,
      Instant labeledAt) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", live.broker.bootstrapServers());
    try (KafkaProducer<String, LabelledFeedback> producer = new KafkaProducer<>(p, new StringSerializer(),
        new AvroSerdes(RegistrySettings.of(live.registry.url()).withAutoRegister(true))
            .specific(LabelledFeedback.class, false).serializer())) {
      for (int i = 0; i < examples.size(); i++) {
        String id = "email:e-" + (firstId + i);
        LabeledExample e = examples.get(i);
        producer.send(new ProducerRecord<>("feedback.labelled", id, LabelledFeedback.newBuilder(
            item(id, e.text(), e.label().value())).setLabeledAt(labeledAt).build())).get();
      }
    }
  }

  /** What a refusal says, after any progress lines. */
  private static String lastLine(String text) {
    return text.strip().lines().reduce((a, b) -> b).orElse("");
  }

  private static JsonNode record(Cli run) throws Exception {
    return JSON.readTree(run.out().strip().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
  }


}
