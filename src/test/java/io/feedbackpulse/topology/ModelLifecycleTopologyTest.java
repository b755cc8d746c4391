package io.feedbackpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.feedbackpulse.avro.ChallengeMode;
import io.feedbackpulse.avro.ComparisonKind;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ModelLineageRecord;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.avro.ReviewItem;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SecondOpinion;
import io.feedbackpulse.inference.Baseline;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.inference.ModelLineage;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.models.ModelAssignment;
import io.feedbackpulse.models.ModelFetcher;
import io.feedbackpulse.models.ModelLoader;
import io.feedbackpulse.models.ModelRegistry;
import io.feedbackpulse.models.ModelSwitcher;
import io.feedbackpulse.models.Refusal;
import io.feedbackpulse.models.ServingModels;
import io.feedbackpulse.testing.ModelVersions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model swaps, canary routing and shadow comparisons through the whole topology, with two tiny model versions. */
class ModelLifecycleTopologyTest {
  private static final Instant T0 = TopologyFixture.T0;
  private static final String[] TEXTS = {"The zipper broke", "love it", "ok", "Where is my parcel?",
      "Fits perfectly, love the colour", "meh", "terrible service, never again", "arrived on time"};

  @TempDir
  Path dir;
  private TopologyFixture f;
  private TestInputTopic<byte[], byte[]> chat;

  private void start(ServingModels models, Map<String, String> overrides) {
    f = new TopologyFixture(overrides, models);
    chat = f.driver.createInputTopic("feedback.raw.chat", new ByteArraySerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  private static ServingModels serving(SentimentModel champion, SentimentModel challenger, ChallengeMode mode,
      double share) {
    return new ServingModels(new ModelAssignment(champion,
        Optional.of(new ModelAssignment.Challenger(challenger, mode, share))));
  }

  /** A chat message, piped without moving the wall clock: it waits for its batch to fill. */
  private void pipe(int i, Instant at) {
    String json = "{\"messageId\":\"m-" + i + "\",\"text\":\"" + TEXTS[i % TEXTS.length] + " " + i + "\"}";
    chat.pipeInput(new TestRecord<>(("m-" + i).getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8), at));
  }

  @Test
  void aSwapFallsBetweenBatchesAndNoRecordIsLostDoubledOrScoredByARetiredModel() {
    ModelVersions versions = new ModelVersions(dir);
    SentimentModel v1 = ModelVersions.load(versions.sameLabels("v1"));
    SentimentModel v2 = ModelVersions.load(versions.sameLabels("v2"));
    ServingModels serving = new ServingModels(v1);
    start(serving, Map.of("batch.max-size", "4", "batch.max-wait", "PT1H"));

    for (int i = 0; i < 6; i++) {
      pipe(i, T0);
    }
    // items 0-3 made a batch under v1; 4 and 5 wait in the store through the swap
    serving.serve(ModelAssignment.championOnly(v2));
    assertThatThrownBy(() -> v1.predict("retired, no batch holds it")).isInstanceOf(ModelClosedException.class);
    for (int i = 6; i < 12; i++) {
      pipe(i, T0);
    }
    f.advanceWallClock(Duration.ofHours(1));

    List<TestRecord<String, ScoredFeedback>> out = f.scored.readRecordsToList();
    assertThat(out).extracting(TestRecord::key).as("each item exactly once, in order")
        .containsExactlyElementsOf(IntStream.range(0, 12).mapToObj(i -> "chat:m-" + i).toList());
    Map<String, String> versionOf = out.stream()
        .collect(Collectors.toMap(TestRecord::key, r -> r.value().getModel().getVersion()));
    for (int i = 0; i < 12; i++) {
      assertThat(versionOf.get("chat:m-" + i)).as("item " + i).isEqualTo(i < 4 ? "v1" : "v2");
    }
    assertThat(out.get(0).value().getModel().getId()).isNotEqualTo(out.get(11).value().getModel().getId());
    // each batch was scored by one model: a batch of four per model call, the items waiting at the swap included
    assertThat(out).allSatisfy(r -> assertThat(r.value().getTimings().getBatchSize()).isEqualTo(4));
    assertThat(f.deadLetters.isEmpty()).isTrue();
    assertThat(f.comparisons.isEmpty()).as("no challenger, no comparison").isTrue();
  }

  /**
   * The challenger serves the items whose id hashes below the share. Over n items the count it serves is
   * Binomial(n, share) if the hash spreads ids uniformly; it must lie within 4 standard deviations of n * share
   * (a uniform hash fails that about 6 times in 100,000).
   */
  @Test
  void aCanaryServesItsShareOfItemsChosenByTheirIdWithinABinomialBound() {
    ModelVersions versions = new ModelVersions(dir);
    double share = 0.3;
    ServingModels serving = serving(ModelVersions.load(versions.sameLabels("v1")),
        ModelVersions.load(versions.rotatedLabels("v2")), ChallengeMode.canary, share);
    start(serving, Map.of("batch.max-size", "32", "batch.max-wait", "PT1H"));

    int n = 400;
    for (int i = 0; i < n; i++) {
      pipe(i, T0);
    }
    f.advanceWallClock(Duration.ofHours(1));

    Map<String, ScoredFeedback> scored = f.scored.readKeyValuesToMap();
    assertThat(scored).hasSize(n);
    long served = scored.values().stream().filter(s -> s.getModel().getVersion().equals("v2")).count();
    double sd = Math.sqrt(n * share * (1 - share));
    assertThat((double) served).isCloseTo(n * share, within(4 * sd));
    scored.forEach((id, s) -> assertThat(s.getModel().getVersion()).as(id)
        .isEqualTo(ItemRouting.position(id) < share ? "v2" : "v1"));

    Map<String, ModelComparison> items = f.comparisons.readKeyValuesToMap();
    assertThat(items.keySet()).as("the champion also scores what the canary serves: each is compared")
        .isEqualTo(scored.entrySet().stream().filter(e -> e.getValue().getModel().getVersion().equals("v2"))
            .map(Map.Entry::getKey).collect(Collectors.toSet()));
    assertThat(items.values()).allSatisfy(c -> {
      assertThat(c.getMode()).isEqualTo(ChallengeMode.canary);
      assertThat(c.getItem().getServed()).isEqualTo("challenger");
      assertThat(c.getItem().getChallengerLabel()).isEqualTo(scored.get(c.getItem().getId()).getLabel());
    });
  }

  @Test
  void aShadowChallengerScoresEveryItemBesideTheChampionAndEachWindowCountsTheirAgreement() {
    ModelVersions versions = new ModelVersions(dir);
    SentimentModel champion = ModelVersions.load(versions.sameLabels("v1"));
    ServingModels serving = serving(champion, ModelVersions.load(versions.rotatedLabels("v2")),
        ChallengeMode.shadow, 1.0);
    start(serving, Map.of("batch.max-size", "8", "batch.max-wait", "PT1H"));

    int n = 16;
    for (int i = 0; i < n; i++) {
      pipe(i, T0);
    }
    f.advanceWallClock(Duration.ofHours(1));
    // an item past the window's end and grace moves stream time on, and the window closes
    pipe(99, T0.plus(Duration.ofMinutes(6)));
    f.advanceWallClock(Duration.ofHours(1));

    Map<String, ScoredFeedback> scored = f.scored.readKeyValuesToMap();
    assertThat(scored.values()).allSatisfy(s -> assertThat(s.getModel().getVersion()).isEqualTo("v1"));
    List<TestRecord<String, ModelComparison>> out = f.comparisons.readRecordsToList();
    List<ModelComparison> items = out.stream().map(TestRecord::value)
        .filter(c -> c.getKind() == ComparisonKind.item).toList();
    assertThat(items).hasSize(n + 1);
    long[] championCounts = new long[3];
    for (ModelComparison c : items) {
      ScoredFeedback served = scored.get(c.getItem().getId());
      assertThat(c.getItem().getServed()).isEqualTo("champion");
      assertThat(c.getItem().getChampionLabel()).isEqualTo(served.getLabel());
      assertThat(c.getItem().getChampionProbabilities()).isEqualTo(served.getProbabilities());
      // the rotated model calls positive negative, negative neutral, neutral positive
      assertThat(c.getItem().getChallengerLabel()).isEqualTo(switch (served.getLabel()) {
        case 1 -> -1;
        case -1 -> 0;
        default -> 1;
      });
      if (!c.getItem().getId().equals("chat:m-99")) {
        championCounts[c.getItem().getChampionLabel() + 1]++;
      }
    }

    Map<String, ModelComparison> windows = out.stream().filter(r -> r.value().getKind() == ComparisonKind.window)
        .collect(Collectors.toMap(TestRecord::key, TestRecord::value));
    assertThat(windows).containsOnlyKeys("chat", "all");
    for (ModelComparison w : windows.values()) {
      assertThat(w.getWindow().getWindowStart()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
      assertThat(w.getWindow().getN()).isEqualTo(n);
      assertThat(w.getWindow().getAgreement()).isZero();
      // champion counts a (negative), b (neutral), c (positive); the challenger's are c, a, b (rotated), so
      // chance agreement pe = (a*c + b*a + c*b) / n^2, and kappa = (0 - pe) / (1 - pe)
      double a = championCounts[0];
      double b = championCounts[1];
      double c = championCounts[2];
      double pe = (a * c + b * a + c * b) / (n * (double) n);
      assertThat(w.getWindow().getKappa()).isCloseTo(-pe / (1 - pe), within(1e-12));
      assertThat(w.getWindow().getConfusion()).containsExactly(List.of(0L, (long) a, 0L), List.of(0L, 0L, (long) b),
          List.of((long) c, 0L, 0L));
      assertThat(w.getWindow().getChampionShares().getNegative()).isCloseTo(a / n, within(1e-12));
      assertThat(w.getWindow().getChallengerShares().getNegative()).isCloseTo(c / n, within(1e-12));
      assertThat(w.getChampion().getVersion()).isEqualTo("v1");
      assertThat(w.getChallenger().getVersion()).isEqualTo("v2");
      assertThat(w.getMode()).isEqualTo(ChallengeMode.shadow);
    }
  }

  /**
   * An item champion and challenger label differently goes to the review queue with both labels, so a person's
   * label says which model was right.
   */
  @Test
  void itemsThatChampionAndShadowChallengerLabelDifferentlyGoToTheReviewQueueWithBothLabels() {
    ModelVersions versions = new ModelVersions(dir);
    SentimentModel champion = ModelVersions.load(versions.sameLabels("v1"));
    ServingModels serving = serving(champion, ModelVersions.load(versions.rotatedLabels("v2")),
        ChallengeMode.shadow, 1.0);
    start(serving, Map.of("batch.max-size", "8", "batch.max-wait", "PT1H", "review.max-confidence", "0",
        "review.max-per-minute", "100"));
    for (int i = 0; i < 8; i++) {
      pipe(i, T0);
    }

    Map<String, ScoredFeedback> scored = f.scored.readKeyValuesToMap();
    Map<String, ReviewItem> review = reviewQueue().readKeyValuesToMap();
    assertThat(review).hasSize(8).containsOnlyKeys(scored.keySet());
    review.forEach((id, item) -> {
      assertThat(item.getReason()).isEqualTo("model_disagreement");
      assertThat(item.getLabel()).isEqualTo(scored.get(id).getLabel());
      assertThat(item.getModel().getVersion()).isEqualTo("v1");
      SecondOpinion second = item.getSecondOpinion();
      assertThat(second.getModel().getVersion()).isEqualTo("v2");
      assertThat(second.getLabel()).as("the rotated model's label").isEqualTo(switch (item.getLabel()) {
        case 1 -> -1;
        case -1 -> 0;
        default -> 1;
      });
      assertThat(second.getLabelName()).isEqualTo(Sentiment.ofValue(second.getLabel()).label());
    });
  }

  @Test
  void onACanarysItemsTheSecondOpinionIsTheChampions() {
    ModelVersions versions = new ModelVersions(dir);
    ServingModels serving = serving(ModelVersions.load(versions.sameLabels("v1")),
        ModelVersions.load(versions.rotatedLabels("v2")), ChallengeMode.canary, 0.5);
    start(serving, Map.of("batch.max-size", "8", "batch.max-wait", "PT1H", "review.max-confidence", "0",
        "review.max-per-minute", "100"));
    for (int i = 0; i < 16; i++) {
      pipe(i, T0);
    }

    // the challenger scores only its share, and serves it: those items are compared, and reviewed
    List<String> canaryItems = f.scored.readValuesToList().stream()
        .filter(s -> s.getModel().getVersion().equals("v2")).map(s -> s.getFeedback().getId()).toList();
    assertThat(canaryItems).isNotEmpty().hasSizeLessThan(16);
    Map<String, ReviewItem> review = reviewQueue().readKeyValuesToMap();
    assertThat(review).containsOnlyKeys(canaryItems);
    assertThat(review.values()).allSatisfy(r -> {
      assertThat(r.getModel().getVersion()).isEqualTo("v2");
      assertThat(r.getSecondOpinion().getModel().getVersion()).isEqualTo("v1");
    });
  }

  /** Items the two models agree on are not reviewed, and review.disagreements=false turns disagreements off. */
  @Test
  void noDisagreementMeansNoReviewAndTheSettingTurnsItOff() {
    ModelVersions versions = new ModelVersions(dir);
    Map<String, String> settings = Map.of("batch.max-size", "4", "batch.max-wait", "PT1H",
        "review.max-confidence", "0");
    start(serving(ModelVersions.load(versions.sameLabels("v1")), ModelVersions.load(versions.sameLabels("v2")),
        ChallengeMode.shadow, 1.0), settings);
    for (int i = 0; i < 4; i++) {
      pipe(i, T0);
    }
    assertThat(f.comparisons.readValuesToList()).as("compared, and agreed").hasSize(4);
    assertThat(reviewQueue().isEmpty()).isTrue();
    f.close();

    Map<String, String> off = new java.util.HashMap<>(settings);
    off.put("review.disagreements", "false");
    start(serving(ModelVersions.load(versions.sameLabels("v3")), ModelVersions.load(versions.rotatedLabels("v4")),
        ChallengeMode.shadow, 1.0), off);
    for (int i = 0; i < 4; i++) {
      pipe(i, T0);
    }
    assertThat(f.comparisons.readValuesToList()).hasSize(4);
    assertThat(reviewQueue().isEmpty()).isTrue();
  }

  private TestOutputTopic<String, ReviewItem> reviewQueue() {
    return f.driver.createOutputTopic("feedback.review", new StringDeserializer(),
        f.avro.specific(ReviewItem.class, false).deserializer());
  }

  /** Each item a shadow challenger takes costs both models' tokens: a budget of four items' work holds two. */
  @Test
  void theTokenBudgetOfABatchCountsTheChallengersWork() {
    ModelVersions versions = new ModelVersions(dir);
    SentimentModel champion = ModelVersions.load(versions.sameLabels("v1"));
    String text = "the parcel came late";
    int cost = champion.cost(text);
    ServingModels serving = serving(champion, ModelVersions.load(versions.rotatedLabels("v2")),
        ChallengeMode.shadow, 1.0);
    start(serving, Map.of("batch.max-size", "32", "batch.max-wait", "PT1H",
        "batch.max-tokens", Integer.toString(4 * cost)));

    for (int i = 0; i < 8; i++) {
      String json = "{\"messageId\":\"m-" + i + "\",\"text\":\"" + text + "\"}";
      chat.pipeInput(new TestRecord<>(("m-" + i).getBytes(StandardCharsets.UTF_8),
          json.getBytes(StandardCharsets.UTF_8), T0));
    }
    f.advanceWallClock(Duration.ofHours(1));

    List<ScoredFeedback> scored = f.scored.readValuesToList();
    assertThat(scored).hasSize(8).allSatisfy(s ->
        assertThat(s.getTimings().getBatchSize()).as("2 items * 2 models * cost = the budget").isEqualTo(2));
    assertThat(f.comparisons.readValuesToList()).hasSize(8);
  }

  /**
   * The registry names a champion whose copy is not what was registered, then one whose graph does not load: each
   * is refused with its reason, and the instance keeps serving its champion; a good version then swaps in.
   */
  @Test
  void aVersionThatFailsToVerifyOrLoadIsRefusedAndTheInstanceKeepsServing() throws IOException {
    ModelVersions versions = new ModelVersions(dir);
    ServingModels serving = new ServingModels(ModelVersions.load(versions.sameLabels("v1")));
    start(serving, Map.of());
    ModelSwitcher switcher = new ModelSwitcher(serving,
        new ModelLoader(new ModelFetcher(dir.resolve("cache"), Duration.ofSeconds(10)), InferenceOptions.DEFAULT)::load,
        1.0);
    Path good = versions.sameLabels("v4");
    Path tampered = versions.sameLabels("v2");
    String registeredId = idOf(tampered);
    Files.writeString(tampered.resolve("tokenizer.json"), Files.readString(tampered.resolve("tokenizer.json")) + " ");
    Path broken = versions.sameLabels("v3");
    Files.write(broken.resolve("model.onnx"), new byte[] {1, 2, 3});

    List<Refusal> refused = switcher.apply(ModelRegistry.of(List.of(
        manifest("v2", registeredId, tampered, ModelStage.champion))));
    assertThat(refused).singleElement().satisfies(r -> assertThat(r.reason()).contains("v2"));
    pipeInOrder(0);
    refused = switcher.apply(ModelRegistry.of(List.of(manifest("v3", idOf(broken), broken, ModelStage.champion))));
    assertThat(refused).singleElement().satisfies(r -> assertThat(r.reason()).isNotBlank());
    pipeInOrder(1);
    assertThat(switcher.apply(ModelRegistry.of(List.of(manifest("v3", idOf(broken), broken, ModelStage.champion)))))
        .as("a refused version is not tried again").isEmpty();
    assertThat(switcher.apply(ModelRegistry.of(List.of(manifest("v4", idOf(good), good, ModelStage.champion)))))
        .isEmpty();
    pipeInOrder(2);

    Map<String, String> versionOf = f.scored.readRecordsToList().stream()
        .collect(Collectors.toMap(TestRecord::key, r -> r.value().getModel().getVersion()));
    assertThat(versionOf).containsExactlyInAnyOrderEntriesOf(Map.of("chat:m-0", "v1", "chat:m-1", "v1",
        "chat:m-2", "v4"));
    assertThat(f.deadLetters.isEmpty()).isTrue();
  }

  /** A window closed after a swap is held against the new champion's baseline, not the startup model's. */
  @Test
  void driftComparesEachClosedWindowWithTheBaselineOfTheChampionServingThen() throws IOException {
    ModelVersions versions = new ModelVersions(dir);
    Path v1 = versions.sameLabels("v1");
    Files.write(v1.resolve(Baseline.FILE), new Baseline(0.2, 0.3, 0.5, 100, "v1 test").toJson());
    Path v2 = versions.sameLabels("v2");
    Files.write(v2.resolve(Baseline.FILE), new Baseline(0.6, 0.3, 0.1, 100, "v2 test").toJson());
    SentimentModel first = ModelVersions.load(v1);
    SentimentModel second = ModelVersions.load(v2);
    ServingModels serving = new ServingModels(first);
    start(serving, Map.of("batch.max-size", "1", "drift.reference", "baseline"));

    pipeSentAt(0, T0);
    f.advanceWallClock(Duration.ofMinutes(6)); // an item sent later than the service's clock allows is held to it
    pipeSentAt(1, T0.plus(Duration.ofMinutes(6))); // closes the first window (5 min, 30 s grace) under v1
    serving.serve(ModelAssignment.championOnly(second));
    f.advanceWallClock(Duration.ofMinutes(6));
    pipeSentAt(2, T0.plus(Duration.ofMinutes(12))); // closes the second under v2

    Map<Instant, LabelDistribution> chatWindows = f.distributions.readValuesToList().stream()
        .filter(d -> d.getChannel().equals("chat"))
        .collect(Collectors.toMap(LabelDistribution::getWindowStart, d -> d, (a, b) -> b));
    LabelDistribution before = chatWindows.get(T0);
    LabelDistribution after = chatWindows.get(T0.plus(Duration.ofMinutes(5)));
    assertThat(before.getDrift().getReference()).isEqualTo("baseline:" + first.lineage().id());
    assertThat(before.getDrift().getReferenceShares().getNegative()).isCloseTo(0.2, within(1e-9));
    assertThat(after.getDrift().getReference()).isEqualTo("baseline:" + second.lineage().id());
    assertThat(after.getDrift().getReferenceShares().getNegative()).isCloseTo(0.6, within(1e-9));
  }

  /** A chat message sent at {@code at}, by its own time field. */
  private void pipeSentAt(int i, Instant at) {
    String json = "{\"messageId\":\"m-" + i + "\",\"text\":\"" + TEXTS[i % TEXTS.length] + " " + i
        + "\",\"sentAt\":\"" + at + "\"}";
    chat.pipeInput(new TestRecord<>(("m-" + i).getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8), at));
  }

  /** One item, scored before the next step of the test: batch.max-wait passes after it. */
  private void pipeInOrder(int i) {
    pipe(i, T0);
    f.advanceWallClock(f.settings.duration("batch.max-wait"));
  }

  private static String idOf(Path model) {
    return ModelLineage.identify(ModelSource.of(model.toString())).id();
  }

  private static ModelManifest manifest(String version, String modelId, Path location, ModelStage stage) {
    return ModelManifest.newBuilder()
        .setVersion(version)
        .setModelId(modelId)
        .setLocation(location.toString())
        .setStage(stage)
        .setLineage(ModelLineageRecord.newBuilder().build())
        .setRegisteredBy("test")
        .setRegisteredAt(T0)
        .build();
  }
}
