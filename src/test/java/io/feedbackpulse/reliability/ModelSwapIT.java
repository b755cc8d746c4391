package io.feedbackpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.App;
import io.feedbackpulse.avro.LoadRefusal;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelRefusal;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.models.ModelRegistryTopic;
import io.feedbackpulse.models.RefusalsTopic;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.service.FeedbackPulseService;
import io.feedbackpulse.testing.ModelVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances follow model.registry while traffic flows: {@code models register} and {@code models promote}
 * (the real commands, in process) switch both from v1 to v2, {@code models rollback} switches both back. Every
 * record is scored exactly once across the swaps (the {@link Ledger}), and the records sent once both instances
 * serve a version carry that version. A version whose files changed after it was registered is refused by both,
 * which keep serving and record their refusals (model.refusals), which a later stage change keeps.
 */
class ModelSwapIT {
  static final int RECORDS = 1_500;

  @TempDir
  Path dir;

  @Test
  void registerPromoteAndRollbackWhileTrafficFlowsSwitchBothInstancesAndEveryRecordIsScoredOnce() throws Exception {
    ModelVersions versions = new ModelVersions(dir.resolve("models"));
    Path v1 = versions.sameLabels("v1");
    Path v2 = versions.sameLabels("v2");
    // the gate compares v2 with the champion on a labeled set: v2 labels as v1 does, so it passes
    Path eval = dir.resolve("eval.csv");
    Files.writeString(eval, "text,label\nThe zipper broke,-1\nlove it,1\nok,0\nterrible service,-1\n"
        + "arrived on time,1\nmeh,0\n");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start();
        Traffic traffic = new Traffic(broker.bootstrapServers(), 13, Instant.now().minus(Duration.ofMinutes(20)));
        Ledger ledger = new Ledger(broker.bootstrapServers(), ReliabilityFixture.avro(registry.url()))) {
      Map<String, String> settings = ReliabilityFixture.settings(registry.url(), "model-swap-it");
      settings.put("kafka.state.dir", dir.resolve("state-a").toString());
      settings.put("kafka.application.server", "instance-a:1"); // how a refusal names the instance
      FeedbackPulseService a = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings);
      FeedbackPulseService b = null;
      try {
        models(broker, registry, "register", "--dir", v1.toString(), "--version", "v1");
        models(broker, registry, "promote", "v1");
        awaitServing("v1", a);
        settings.put("kafka.state.dir", dir.resolve("state-b").toString());
        settings.put("kafka.application.server", "instance-b:1");
        b = ReliabilityFixture.startInProcess(broker.bootstrapServers(), settings);
        assertThat(b.pipeline().models().current().champion().lineage().version())
            .as("an instance that starts later begins with the registry's champion").isEqualTo("v1");
        FeedbackPulseService first = a;
        FeedbackPulseService second = b;
        await().atMost(Duration.ofMinutes(1)).until(() -> first.isRunning() && second.isRunning()
            && !first.streams().metadataForLocalThreads().iterator().next().activeTasks().isEmpty()
            && !second.streams().metadataForLocalThreads().iterator().next().activeTasks().isEmpty());

        List<Set<String>> sentWhileServing = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>());
        Set<String> sentBefore = new HashSet<>();
        int[] bursts = {0};
        int[] phase = {0};
        traffic.sendInBursts(RECORDS, 100, Duration.ofMillis(100), () -> {
          Set<String> sentNow = new HashSet<>(traffic.sentIdToChannel.keySet());
          sentNow.removeAll(sentBefore);
          sentWhileServing.get(phase[0]).addAll(sentNow);
          sentBefore.addAll(sentNow);
          bursts[0]++;
          if (bursts[0] == 8) {
            switchTo(broker, registry, traffic, ledger, first, second, "v2", "--eval", eval.toString(), "register",
                "--dir", v2.toString(), "--version", "v2");
            phase[0] = 1;
          } else if (bursts[0] == 16) {
            switchTo(broker, registry, traffic, ledger, first, second, "v1", null, null, "rollback");
            phase[0] = 2;
          }
        });
        Set<String> sentLast = new HashSet<>(traffic.sentIdToChannel.keySet());
        sentLast.removeAll(sentBefore);
        sentWhileServing.get(phase[0]).addAll(sentLast);
        assertThat(phase[0]).as("both switches happened during the traffic").isEqualTo(2);

        await().atMost(Duration.ofMinutes(2)).until(() -> ledger.poll().scoredCount.size() >= RECORDS);
        ledger.closeWindowsAndAwait(traffic, RECORDS);
        ledger.poll().poll();
        ledger.assertExactlyOnce(traffic.sentIdToChannel, ReliabilityFixture.ALERT_THRESHOLD);
        ledger.assertWindowsAddUp(traffic.windowedPerChannel);
        String[] servedVersion = {"v1", "v2", "v1"};
        for (int p = 0; p < 3; p++) {
          for (String id : sentWhileServing.get(p)) {
            assertThat(version(ledger, id)).as(id + ", sent while both instances served " + servedVersion[p])
                .isEqualTo(servedVersion[p]);
          }
        }

        // a version whose files changed after it was registered: both instances refuse it, say so in its
        // manifest, and go on serving v1
        Path v3 = versions.sameLabels("v3");
        models(broker, registry, "register", "--dir", v3.toString(), "--version", "v3");
        Files.writeString(v3.resolve("tokenizer.json"), Files.readString(v3.resolve("tokenizer.json")) + " ");
        models(broker, registry, "promote", "v3", "--force");
        Properties client = new Properties();
        client.put("bootstrap.servers", broker.bootstrapServers());
        ModelRegistryTopic registryTopic = new ModelRegistryTopic(client, "model.registry",
            ReliabilityFixture.avro(registry.url()).specific(ModelManifest.class, false), Duration.ofSeconds(20));
        RefusalsTopic refusalsTopic = new RefusalsTopic(client, "model.refusals",
            ReliabilityFixture.avro(registry.url()).specific(ModelRefusal.class, false), Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(refusalsOf("v3", registryTopic,
            refusalsTopic)).extracting(LoadRefusal::getInstance)
            .containsExactlyInAnyOrder("instance-a:1", "instance-b:1"));
        assertThat(refusalsOf("v3", registryTopic, refusalsTopic))
            .allSatisfy(r -> assertThat(r.getReason()).contains("v3"));
        // a stage change after the refusals keeps them: they are records of their own, not in the manifest
        models(broker, registry, "rollback");
        assertThat(registryTopic.read().version("v3").orElseThrow().getStage()).isEqualTo(ModelStage.candidate);
        assertThat(refusalsOf("v3", registryTopic, refusalsTopic)).hasSize(2);
        assertThat(List.of(first, second)).allSatisfy(i -> {
          assertThat(i.pipeline().models().current().champion().lineage().version()).isEqualTo("v1");
          assertThat(i.modelSwitcher().refusals()).isEqualTo(1);
        });
        System.out.printf("ModelSwapIT: %d records; sent on v1, v2, v1 again: %d, %d, %d; lost 0, doubled 0%n",
            traffic.sentIdToChannel.size(), sentWhileServing.get(0).size(), sentWhileServing.get(1).size(),
            sentWhileServing.get(2).size());
      } finally {
        a.close();
        if (b != null) {
          b.close();
        }
      }
    }
  }

  /**
   * Waits until what was sent so far is scored (so it was sent before the switch), changes the registry, and waits
   * until both instances serve {@code version}: the records sent after this serve as "after the switch".
   */
  private static List<LoadRefusal> refusalsOf(String version, ModelRegistryTopic registryTopic,
      RefusalsTopic refusalsTopic) {
    return registryTopic.read().withRefusals(refusalsTopic.read()).version(version).orElseThrow().getRefusals();
  }

  private static void switchTo(EmbeddedKafkaBroker broker, InMemorySchemaRegistry registry, Traffic traffic,
      Ledger ledger, FeedbackPulseService a, FeedbackPulseService b, String version, String evalOption,
      String evalFile, String... command) {
    await().atMost(Duration.ofMinutes(1))
        .until(() -> ledger.poll().scoredCount.keySet().containsAll(traffic.sentIdToChannel.keySet()));
    models(broker, registry, command);
    if (command[0].equals("register")) {
      models(broker, registry, "promote", version, evalOption, evalFile);
    }
    awaitServing(version, a, b);
  }

  private static void awaitServing(String version, FeedbackPulseService... instances) {
    await().atMost(Duration.ofSeconds(30)).until(() -> List.of(instances).stream()
        .allMatch(i -> i.pipeline().models().current().champion().lineage().version().equals(version)));
  }

  private static String version(Ledger ledger, String id) {
    List<ScoredFeedback> scored = ledger.scoredVersions.get(id);
    return scored.get(scored.size() - 1).getModel().getVersion();
  }

  private static void models(EmbeddedKafkaBroker broker, InMemorySchemaRegistry registry, String... args) {
    List<String> all = new ArrayList<>(List.of("models"));
    all.addAll(List.of(args));
    // the gate's minimums on an eval set lowered to 0: this test is about the swap, and its set has 6 rows
    all.addAll(List.of("--bootstrap-servers", broker.bootstrapServers(), "--set",
        "schema.registry.url=" + registry.url(), "--set", "schema.registry.auto-register=true",
        "--set", "models.gate.min-eval-items=0", "--set", "models.gate.min-per-class=0"));
    assertThat(App.commandLine().execute(all.toArray(String[]::new))).as(String.join(" ", all)).isZero();
  }
}
