package io.feedbackpulse.pipeline;

import static io.feedbackpulse.testing.LabelledRecords.item;
import static io.feedbackpulse.testing.Cli.cli;
import static io.feedbackpulse.testing.Cli.modelStages;
import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.App;
import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.avro.PipelineStep;
import io.feedbackpulse.avro.PipelineStepStatus;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.cli.ExitStatus;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.testing.Cli;
import io.feedbackpulse.testing.TestJvm;
import io.feedbackpulse.training.LabeledCsv;
import io.feedbackpulse.training.LabeledExample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The pipeline's safety on a real broker, around a {@code pipeline run} in a JVM of its own whose training would
 * never end (a hundred million epochs): while it trains, a second {@code pipeline run} starts nothing (status 8, the
 * lease is held), and {@code pipeline watch} whose trigger fires says it starts nothing; {@code pipeline cancel} stops it without registering anything. A second such run is SIGKILLed
 * mid-train: the next {@code pipeline list} finds it running with no holder of the lease and marks it failed,
 * interrupted, its train step with it. The champion stays tiny-roberta (v1) throughout.
 */
class PipelineLeaseIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PER_LABEL = 12;

  @TempDir
  Path dir;

  @Test
  void oneRunAtATimeACancelStopsTheRunAndAKilledRunIsMarkedInterrupted() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      List<String> cluster = List.of("--set", "bootstrap.servers=" + broker.bootstrapServers(),
          "--set", "schema.registry.url=" + registry.url(), "--set", "schema.registry.auto-register=true",
          "--set", "topics.partitions=1", "--set", "pipeline.model-store=" + dir.resolve("store"),
          "--set", "models.cache-dir=" + dir.resolve("fetched"), "--set", "pipeline.checks.min-rows=30",
          "--set", "pipeline.train.epochs=100000000", "--set", "pipeline.rollout=promote",
          "--set", "pipeline.lease.session-timeout=PT6S");
      assertThat(cli(cluster, "models", "register", "--dir", TINY_ROBERTA.toString(), "--version", "v1").status())
          .isZero();
      assertThat(cli(cluster, "models", "promote", "v1").status()).isZero();
      labelledChats(broker, registry);
      PipelineRunsTopic runs = new PipelineRunsTopic(clientProperties(broker), "pipeline.runs",
          new AvroSerdes(RegistrySettings.of(registry.url())).specific(PipelineRun.class, false),
          Duration.ofSeconds(30));

      Process first = pipelineRun(cluster, dir.resolve("first.log"));
      PipelineRun training = awaitTraining(runs, first, dir.resolve("first.log"));

      Cli second = cli(cluster, "pipeline", "run", "--channel", "chat");
      assertThat(second.status()).as(second.out() + second.err()).isEqualTo(ExitStatus.BUSY);
      assertThat(second.err().strip()).hasLineCount(1).isEqualTo("Busy: pipeline run " + training.getRunId()
          + " is running (since " + training.getStartedAt() + ", step train) and holds the pipeline lease: one run "
          + "at a time; not starting another");
      // a label after the run's start: pipeline watch's trigger fires, and it starts nothing while the lease is held
      send(broker, registry, List.of(LabelledFeedback.newBuilder(item("chat:late", "Arrived broken", -1))
          .setLabeledAt(Instant.now()).build()));
      StringWriter watched = new StringWriter();
      Thread watch = new Thread(() -> {
        CommandLine cli = App.commandLine();
        cli.setOut(new PrintWriter(watched, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        List<String> args = new ArrayList<>(List.of("pipeline", "watch", "--channel", "chat", "--max-runs", "1",
            "--set", "pipeline.trigger.min-new-labels=1", "--set", "pipeline.watch.interval=PT0.5S"));
        args.addAll(cluster);
        cli.execute(args.toArray(String[]::new));
      }, "pipeline-watch");
      watch.start();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
          watched.toString().contains("not starting a run (labels: 1 labels since "));
      watch.interrupt();
      watch.join(30_000);
      assertThat(watched.toString()).contains("pipeline run " + training.getRunId() + " is running")
          .doesNotContain("starting a run: ");
      assertThat(first.isAlive()).as("the holder keeps the lease and runs on").isTrue();

      Cli cancel = cli(cluster, "pipeline", "cancel", training.getRunId());
      assertThat(cancel.status()).as(cancel.err()).isZero();
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(dir.resolve("first.log"))).isTrue();
      assertThat(first.exitValue()).isEqualTo(ExitStatus.FAILED);
      PipelineRun cancelled = runs.read(training.getRunId()).orElseThrow();
      assertThat(cancelled.getStatus()).isEqualTo(PipelineRunStatus.cancelled);
      assertThat(cancelled.getSteps()).extracting(PipelineStep::getName)
          .containsExactly("snapshot", "checks", "train");
      assertThat(last(cancelled).getStatus()).isEqualTo(PipelineStepStatus.failed);
      assertThat(Files.readString(dir.resolve("first.log"))).contains("cancelled (pipeline cancel)");
      Cli again = cli(cluster, "pipeline", "cancel", training.getRunId());
      assertThat(again.status()).isEqualTo(ExitStatus.USAGE);
      assertThat(again.err().strip()).hasLineCount(1)
          .isEqualTo("pipeline run " + training.getRunId() + " already ended cancelled: nothing to cancel");
      assertThat(modelStages(cluster)).containsExactly("v1 champion");

      // Paused past the session timeout (SIGSTOP): its session expires and the next run takes the lease. Resumed, the
      // paused run finds its lease lost and ends failed, saying so, while the one that took the lease runs on.
      Process paused = pipelineRun(cluster, dir.resolve("paused.log"));
      Process taker = null;
      try {
        PipelineRun pausedRun = awaitTraining(runs, paused, dir.resolve("paused.log"));
        signal("STOP", paused);
        taker = pipelineRun(cluster, dir.resolve("taker.log"));
        PipelineRun taken = awaitTraining(runs, taker, dir.resolve("taker.log"), pausedRun.getRunId());
        signal("CONT", paused);
        assertThat(paused.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(dir.resolve("paused.log"))).isTrue();
        assertThat(paused.exitValue()).isEqualTo(ExitStatus.FAILED);
        PipelineRun lost = runs.read(pausedRun.getRunId()).orElseThrow();
        assertThat(lost.getStatus()).isEqualTo(PipelineRunStatus.failed);
        assertThat(lost.getReason()).isEqualTo(PipelineRunner.LEASE_LOST);
        assertThat(taker.isAlive()).as("the run that took the lease runs on").isTrue();
        assertThat(runs.read(taken.getRunId()).orElseThrow().getStatus()).isEqualTo(PipelineRunStatus.running);
        assertThat(cli(cluster, "pipeline", "cancel", taken.getRunId()).status()).isZero();
        assertThat(taker.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(dir.resolve("taker.log"))).isTrue();
      } finally {
        // runs that train without end must not outlive a failed test
        paused.destroyForcibly();
        if (taker != null) {
          taker.destroyForcibly();
        }
      }

      Process killed = pipelineRun(cluster, dir.resolve("killed.log"));
      PipelineRun interrupted = awaitTraining(runs, killed, dir.resolve("killed.log"));
      killed.destroyForcibly();
      assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(runs.read(interrupted.getRunId()).orElseThrow().getStatus()).isEqualTo(PipelineRunStatus.running);

      Cli list = cli(cluster, "pipeline", "list", "--json");

      assertThat(list.status()).as(list.err()).isZero();
      assertThat(list.err()).contains("pipeline run " + interrupted.getRunId() + " was interrupted");
      JsonNode newest = JSON.readTree(list.out().lines().findFirst().orElseThrow());
      assertThat(newest.path("runId").asText()).isEqualTo(interrupted.getRunId());
      assertThat(newest.path("status").asText()).isEqualTo("failed");
      assertThat(newest.path("reason").asText()).isEqualTo("interrupted");
      assertThat(newest.at("/steps/2/name").asText()).isEqualTo("train");
      assertThat(newest.at("/steps/2/status").asText()).isEqualTo("failed");
      assertThat(runs.read(interrupted.getRunId()).orElseThrow().getStatus()).as("on record, not only listed")
          .isEqualTo(PipelineRunStatus.failed);
      assertThat(modelStages(cluster)).containsExactly("v1 champion");
      runs.close();
    }
  }

  /** 12 chats of each label from the committed sample, on feedback.labelled as the service writes them. */
  private static void labelledChats(EmbeddedKafkaBroker broker, InMemorySchemaRegistry registry) throws Exception {
    List<LabeledExample> sample = LabeledCsv.read(Path.of("src/main/resources/sample/reviews-sample.csv"));
    try (Admin admin = Admin.create(clientProperties(broker))) {
      admin.createTopics(List.of(new NewTopic("feedback.labelled", 1, (short) 1))).all().get();
    }
    List<LabelledFeedback> chats = new ArrayList<>();
    for (Sentiment label : Sentiment.values()) {
      for (LabeledExample e : sample.stream().filter(e -> e.label() == label).limit(PER_LABEL).toList()) {
        chats.add(item("chat:m-" + chats.size(), e.text(), label.value()));
      }
    }
    send(broker, registry, chats);
  }

  private static void send(EmbeddedKafkaBroker broker, InMemorySchemaRegistry registry, List<LabelledFeedback> items)
      throws Exception {
    try (KafkaProducer<String, LabelledFeedback> producer = new KafkaProducer<>(clientProperties(broker),
        new StringSerializer(), new AvroSerdes(RegistrySettings.of(registry.url()).withAutoRegister(true))
            .specific(LabelledFeedback.class, false).serializer())) {
      for (LabelledFeedback item : items) {
        producer.send(new ProducerRecord<>("feedback.labelled", item.getId(), item)).get();
      }
    }
  }

  private static Properties clientProperties(EmbeddedKafkaBroker broker) {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    return p;
  }

  /** SIGSTOP, SIGCONT: what a long pause (a suspended machine, a stop-the-world stall) looks like to the group. */
  private static void signal(String name, Process process) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + name).isTrue();
  }

  /** {@code pipeline run --channel chat} in a JVM of its own, its output in {@code log}. */
  private static Process pipelineRun(List<String> cluster, Path log) throws Exception {
    return TestJvm.main(App.class.getName()).jvmOptions("-Xmx1g", "-XX:TieredStopAtLevel=1")
        .args("pipeline", "run", "--channel", "chat").args(cluster)
        .processBuilder().redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /**
   * The run of that process once its record says its train step is running.
   *
   * @param others runs of other processes that may be training too
   */
  private static PipelineRun awaitTraining(PipelineRunsTopic runs, Process process, Path log, String... others) {
    PipelineRun[] found = new PipelineRun[1];
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
      assertThat(process.isAlive()).as(Files.exists(log) ? Files.readString(log) : "no output").isTrue();
      Optional<PipelineRun> running = runs.read().stream()
          .filter(r -> !List.of(others).contains(r.getRunId()))
          .filter(r -> r.getStatus() == PipelineRunStatus.running && !r.getSteps().isEmpty()
              && last(r).getName().equals("train") && last(r).getStatus() == PipelineStepStatus.running)
          .findFirst();
      running.ifPresent(r -> found[0] = r);
      return running.isPresent();
    });
    return found[0];
  }

  private static PipelineStep last(PipelineRun run) {
    return run.getSteps().get(run.getSteps().size() - 1);
  }


}
