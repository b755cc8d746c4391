package io.feedbackpulse.topology;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.inference.BatchScorer;
import io.feedbackpulse.inference.FeedbackScorer;
import io.feedbackpulse.inference.InferenceException;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.streams.DeadLetters;
import io.feedbackpulse.streams.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The batching scoring step alone (feedback in, scored feedback or dead letters out) with the tiny
 * RoBERTa model, driven by TopologyTestDriver's wall clock.
 */
class BatchScoringProcessorTest {
  private static final Instant T0 = TopologyFixture.T0;
  private static final String STORE = FeedbackTopology.PENDING_INFERENCE_STORE;
  private static final String POISON = "POISON";
  private static SentimentModel model;

  private TopologyTestDriver driver;
  private TestInputTopic<String, Feedback> in;
  private TestOutputTopic<String, ScoredFeedback> scored;
  private TestOutputTopic<String, DeadLetter> failed;
  private TestOutputTopic<Long, byte[]> changelog;
  private int scorerCalls;

  @BeforeAll
  static void loadModel() {
    model = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()), InferenceOptions.DEFAULT);
  }

  @AfterAll
  static void closeModel() {
    model.close();
  }

  @AfterEach
  void closeDriver() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void aFullBatchIsScoredInOneCallInArrivalOrder() {
    start(new Batching(4, Duration.ofHours(1)));
    List<String> texts = List.of("The zipper broke", "love it", "ok", "awful fabric");
    for (int i = 0; i < 3; i++) {
      pipe("c-" + i, texts.get(i));
    }
    assertThat(scored.isEmpty()).isTrue();
    assertThat(storeSize()).isEqualTo(3);

    pipe("c-3", texts.get(3));
    List<ScoredFeedback> out = scored.readValuesToList();
    assertThat(out).extracting(s -> s.getFeedback().getId()).containsExactly("chat:c-0", "chat:c-1", "chat:c-2",
        "chat:c-3");
    assertThat(out).allSatisfy(s -> assertThat(s.getTimings().getBatchSize()).isEqualTo(4));
    for (ScoredFeedback s : out) {
      assertThat(s.getLabel()).isEqualTo(model.predict(s.getFeedback().getText()).label().value());
    }
    assertThat(scorerCalls).isEqualTo(1);
    assertThat(storeSize()).isZero();
  }

  @Test
  void aPartBatchIsScoredWhenTheWallClockPunctuatorFires() {
    start(new Batching(32, Duration.ofMillis(50)));
    for (int i = 0; i < 5; i++) {
      pipe("c-" + i, "text number " + i);
    }
    driver.advanceWallClockTime(Duration.ofMillis(30));
    assertThat(scored.isEmpty()).isTrue();

    driver.advanceWallClockTime(Duration.ofMillis(20));
    List<ScoredFeedback> out = scored.readValuesToList();
    assertThat(out).hasSize(5);
    assertThat(out).allSatisfy(s -> assertThat(s.getTimings().getBatchSize()).isEqualTo(5));
    assertThat(storeSize()).isZero();

    driver.advanceWallClockTime(Duration.ofMillis(50));
    assertThat(scored.isEmpty()).as("nothing is scored twice").isTrue();
    assertThat(scorerCalls).isEqualTo(1);
  }

  @Test
  void theWaitIsCountedFromTheOldestRecordSoLaterArrivalsJoinItsBatch() {
    start(new Batching(32, Duration.ofMillis(50)));
    pipe("c-1", "first");
    driver.advanceWallClockTime(Duration.ofMillis(40));
    pipe("c-2", "second, 40 ms later");
    assertThat(scored.isEmpty()).isTrue();

    driver.advanceWallClockTime(Duration.ofMillis(10));
    assertThat(scored.readValuesToList()).extracting(s -> s.getTimings().getBatchSize()).containsExactly(2, 2);

    pipe("c-3", "third, alone");
    driver.advanceWallClockTime(Duration.ofMillis(25));
    assertThat(scored.isEmpty()).as("a punctuation soon after a flush leaves a young batch waiting").isTrue();
    driver.advanceWallClockTime(Duration.ofMillis(25));
    assertThat(scored.readValuesToList()).hasSize(1);
  }

  @Test
  void everyRecordIsScoredExactlyOnceInOrderAndItsStoreEntryDeletedInTheSameStep() {
    start(new Batching(4, Duration.ofMillis(50)));
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String key = "chat:c-" + (i % 3) + "-" + i;
      keys.add(key);
      in.pipeInput(key, feedback(key, "review " + i), T0.plusMillis(i));
    }
    driver.advanceWallClockTime(Duration.ofMillis(50));

    List<TestRecord<String, ScoredFeedback>> out = scored.readRecordsToList();
    assertThat(out).extracting(TestRecord::key).containsExactlyElementsOf(keys);
    assertThat(out).extracting(r -> r.value().getFeedback().getId()).containsExactlyElementsOf(keys);
    assertThat(out).extracting(TestRecord::timestamp).containsExactlyElementsOf(
        keys.stream().map(k -> T0.plusMillis(keys.indexOf(k)).toEpochMilli()).toList());
    assertThat(out).extracting(r -> r.value().getTimings().getBatchSize()).containsExactly(4, 4, 4, 4, 4, 4, 4, 4, 2, 2);
    assertThat(storeSize()).isZero();

    List<TestRecord<Long, byte[]>> log = changelog.readRecordsToList();
    assertThat(log.stream().filter(r -> r.value() != null)).extracting(TestRecord::key)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(log.stream().filter(r -> r.value() == null)).extracting(TestRecord::key)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
  }

  @Test
  void aBatchTheModelFailsOnIsScoredItemByItemSoOnlyTheFailingItemIsADeadLetter() {
    start(new Batching(3, Duration.ofHours(1)));
    pipe("c-1", "fits well");
    pipe("c-2", "this one is " + POISON);
    pipe("c-3", "too small");

    List<ScoredFeedback> out = scored.readValuesToList();
    assertThat(out).extracting(s -> s.getFeedback().getId()).containsExactly("chat:c-1", "chat:c-3");
    assertThat(out).allSatisfy(s -> assertThat(s.getTimings().getBatchSize()).isEqualTo(1));
    List<TestRecord<String, DeadLetter>> letters = failed.readRecordsToList();
    assertThat(letters).hasSize(1);
    DeadLetter letter = letters.get(0).value();
    assertThat(letters.get(0).key()).isEqualTo("chat:c-2");
    assertThat(letter.getReason()).isEqualTo(DeadLetters.INFERENCE_FAILED);
    assertThat(letter.getDetail()).contains(POISON);
    assertThat(letter.getSourceTopic()).isEqualTo("in");
    assertThat(letter.getOffset()).isEqualTo(1);
    assertThat(letter.getChannel()).isEqualTo("chat");
    assertThat(storeSize()).isZero();
  }

  @Test
  void aClosedModelFailsTheTaskAndLeavesTheBatchInTheStoreRatherThanDeadLetteringIt() {
    SentimentModel closed = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()),
        InferenceOptions.DEFAULT);
    closed.close();
    start(new Batching(3, Duration.ofHours(1)), new FeedbackScorer(closed, Clock.fixed(T0, ZoneOffset.UTC)));
    pipe("c-1", "fits well");
    pipe("c-2", "too small");

    assertThatThrownBy(() -> pipe("c-3", "fine")).hasRootCauseInstanceOf(ModelClosedException.class);
    assertThat(failed.isEmpty()).as("dead letters").isTrue();
    assertThat(scored.isEmpty()).isTrue();
    assertThat(storeSize()).as("records still waiting in the store").isEqualTo(3);
  }

  /**
   * Kafka's MockProcessorContext rather than the driver: only it lets records sit in the store
   * before the processor's init, as they do after a restore from the changelog.
   */
  @Test
  void recordsLeftInTheStoreAfterARestoreAreScoredFirstAndNewOnesNumberedAfterThem() {
    MockProcessorContext<String, ScoringResult> context = new MockProcessorContext<>();
    KeyValueStore<Long, PendingRecord> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE),
        Serdes.Long(), new PendingRecordSerde()).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    store.put(7L, pending("chat:left-1", "left over from before the crash"));
    store.put(8L, pending("chat:left-2", "also left over"));

    BatchScoringProcessor processor = new BatchScoringProcessor(BatchScorers.Source.of(new FeedbackScorer(model,
        Clock.fixed(T0, ZoneOffset.UTC))), new DeadLetters(Clock.fixed(T0, ZoneOffset.UTC)),
        new Batching(3, Duration.ofHours(1)), STORE);
    processor.init(context);
    context.setRecordMetadata("in", 0, 100);
    context.setCurrentSystemTimeMs(T0.toEpochMilli());
    processor.process(new org.apache.kafka.streams.processor.api.Record<>("chat:new-1",
        Outcome.of(feedback("chat:new-1", "arrived after the restart")), T0.toEpochMilli()));

    List<String> keys = context.forwarded().stream().map(f -> (String) f.record().key()).toList();
    assertThat(keys).containsExactly("chat:left-1", "chat:left-2", "chat:new-1");
    assertThat(context.forwarded()).allSatisfy(f -> assertThat(f.record().value().outcome().ok()).isTrue());
    assertThat(store.approximateNumEntries()).isZero();

    processor.process(new org.apache.kafka.streams.processor.api.Record<>("chat:new-2",
        Outcome.of(feedback("chat:new-2", "next")), T0.toEpochMilli()));
    assertThat(store.get(10L)).as("sequence numbers go on after the restored ones").isNotNull();
    store.close();
  }

  /** Cost = the text's length, a budget of 10: a batch never goes over it, and a text over it alone goes alone. */
  @Test
  void aBatchStaysWithinItsTokenBudgetAndATextOverItIsScoredAlone() {
    MockProcessorContext<String, ScoringResult> context = new MockProcessorContext<>();
    KeyValueStore<Long, PendingRecord> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE),
        Serdes.Long(), new PendingRecordSerde()).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    FeedbackScorer real = new FeedbackScorer(model, Clock.fixed(T0, ZoneOffset.UTC));
    List<List<String>> calls = new ArrayList<>();
    BatchScorer byLength = new BatchScorer() {
      @Override
      public List<ScoredFeedback> score(List<Feedback> items, List<Long> arrivedAtMillis) {
        calls.add(items.stream().map(Feedback::getText).toList());
        return real.score(items, arrivedAtMillis);
      }

      @Override
      public int cost(Feedback item) {
        return item.getText().length();
      }
    };
    BatchScoringProcessor processor = new BatchScoringProcessor(BatchScorers.Source.of(byLength),
        new DeadLetters(Clock.fixed(T0, ZoneOffset.UTC)), new Batching(32, Duration.ofHours(1), 10), STORE);
    processor.init(context);
    context.setRecordMetadata("in", 0, 0);
    context.setCurrentSystemTimeMs(T0.toEpochMilli());

    for (String text : List.of("aaaaaa", "bbbbbb", "ccc", "dddddddddddddddddddd")) {
      processor.process(new org.apache.kafka.streams.processor.api.Record<>("chat:" + text.charAt(0),
          Outcome.of(feedback("chat:" + text.charAt(0), text)), T0.toEpochMilli()));
    }
    assertThat(calls).as("6 + 6 > 10: the second waits; 6 + 3 fit; 20 is over the budget on its own")
        .containsExactly(List.of("aaaaaa"), List.of("bbbbbb", "ccc"));

    context.scheduledPunctuators().get(0).getPunctuator().punctuate(T0.toEpochMilli());
    assertThat(calls).last().isEqualTo(List.of("dddddddddddddddddddd"));
    assertThat(context.forwarded()).hasSize(4);
    assertThat(store.approximateNumEntries()).isZero();
    store.close();
  }

  private static PendingRecord pending(String id, String text) {
    return new PendingRecord(id, feedback(id, text), T0.toEpochMilli(),
        new org.apache.kafka.common.header.internals.RecordHeaders(), T0.toEpochMilli(),
        new PendingRecord.Source("in", 0, 1));
  }

  private void start(Batching batching) {
    start(batching, new FeedbackScorer(model, Clock.fixed(T0, ZoneOffset.UTC)));
  }

  private void start(Batching batching, FeedbackScorer real) {
    BatchScorer poisonable = (items, arrivals) -> {
      scorerCalls++;
      items.stream().filter(f -> f.getText().contains(POISON)).findFirst().ifPresent(f -> {
        throw new InferenceException("ONNX Runtime failed on " + f.getId() + " (" + POISON + ")", null);
      });
      return real.score(items, arrivals);
    };
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.Long(),
        new PendingRecordSerde()));
    Map<String, KStream<String, Outcome<ScoredFeedback>>> branches = builder
        .stream("in", Consumed.with(Serdes.String(), avro(Feedback::toByteBuffer, Feedback::fromByteBuffer)))
        .mapValues(Outcome::of)
        .process(() -> new BatchScoringProcessor(BatchScorers.Source.of(poisonable), new DeadLetters(Clock.fixed(T0, ZoneOffset.UTC)),
            batching, STORE), Named.as("tokenize-and-infer"), STORE)
        .mapValues(ScoringResult::outcome)
        .split(Named.as("inference-"))
        .branch((k, o) -> o.ok(), Branched.as("scored"))
        .defaultBranch(Branched.as("failed"));
    branches.get("inference-scored").mapValues(Outcome::value)
        .to("scored", Produced.with(Serdes.String(),
            avro(ScoredFeedback::toByteBuffer, ScoredFeedback::fromByteBuffer)));
    branches.get("inference-failed").mapValues(Outcome::deadLetter)
        .to("failed", Produced.with(Serdes.String(), avro(DeadLetter::toByteBuffer, DeadLetter::fromByteBuffer)));

    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "batching-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(builder.build(), props, T0);
    in = driver.createInputTopic("in", new StringSerializer(),
        avro(Feedback::toByteBuffer, Feedback::fromByteBuffer).serializer());
    scored = driver.createOutputTopic("scored", new StringDeserializer(),
        avro(ScoredFeedback::toByteBuffer, ScoredFeedback::fromByteBuffer).deserializer());
    failed = driver.createOutputTopic("failed", new StringDeserializer(),
        avro(DeadLetter::toByteBuffer, DeadLetter::fromByteBuffer).deserializer());
    changelog = driver.createOutputTopic("batching-test-" + STORE + "-changelog",
        Serdes.Long().deserializer(), Serdes.ByteArray().deserializer());
  }

  private void pipe(String sourceId, String text) {
    String id = "chat:" + sourceId;
    in.pipeInput(id, feedback(id, text), T0);
  }

  private long storeSize() {
    KeyValueStore<Long, Object> store = driver.getKeyValueStore(STORE);
    return store.approximateNumEntries();
  }

  private static Feedback feedback(String id, String text) {
    return Feedback.newBuilder().setId(id).setChannel("chat").setSourceId(id.substring("chat:".length()))
        .setEventTime(T0).setOriginalText(text).setText(text).build();
  }

  private interface Encode<T> {
    ByteBuffer apply(T value) throws IOException;
  }

  private interface Decode<T> {
    T apply(ByteBuffer bytes) throws IOException;
  }

  private static <T> Serde<T> avro(Encode<T> encode, Decode<T> decode) {
    Function<T, byte[]> write = v -> {
      try {
        ByteBuffer b = encode.apply(v);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    return Serdes.serdeFrom((topic, v) -> v == null ? null : write.apply(v), (topic, b) -> {
      try {
        return b == null ? null : decode.apply(ByteBuffer.wrap(b));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
