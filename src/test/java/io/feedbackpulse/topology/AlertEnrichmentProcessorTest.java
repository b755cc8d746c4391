package io.feedbackpulse.topology;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.ScoredReason;
import io.feedbackpulse.inference.FeedbackScorer;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.SentimentModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alert step alone, on Kafka's MockProcessorContext (only it lets entries sit in the store before init, as they
 * do after a restore), with a worker the test runs by hand and work that marks what it was given. Items whose id
 * starts with {@code chat:alert} need work; the real work (explanations, reasons) is in the topology tests.
 */
class AlertEnrichmentProcessorTest {
  private static final Instant T0 = TopologyFixture.T0;
  private static final String STORE = FeedbackTopology.PENDING_ALERTS_STORE;
  private static final ScoredReason GIVEN = new ScoredReason("delivery", 0.9);
  private static SentimentModel model;

  private final ManualWorker worker = new ManualWorker();
  private final List<Integer> batchSizes = new ArrayList<>();
  private UnaryOperator<List<ScoredFeedback>> work = batch -> {
    batchSizes.add(batch.size());
    return batch.stream().map(s -> ScoredFeedback.newBuilder(s).setReasons(List.of(GIVEN)).build()).toList();
  };
  private MockProcessorContext<String, ScoredFeedback> context;
  private KeyValueStore<Long, PendingAlert> store;
  private AlertEnrichmentProcessor processor;

  @BeforeAll
  static void loadModel() {
    model = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()), InferenceOptions.DEFAULT);
  }

  @AfterAll
  static void closeModel() {
    model.close();
  }

  @BeforeEach
  void store() {
    context = new MockProcessorContext<>();
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.Long(), new PendingAlertSerde())
        .withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private void start(int maxBatch) {
    processor = new AlertEnrichmentProcessor(batch -> work.apply(batch),
        s -> s.getFeedback().getId().startsWith("chat:alert"), worker, STORE, maxBatch, Duration.ofMillis(25));
    processor.init(context);
  }

  @Test
  void anItemThatNeedsNoWorkPassesAtOnceWhileNothingWaits() {
    start(8);
    process("chat:fine-1");
    assertThat(forwardedIds()).containsExactly("chat:fine-1");
    assertThat(store.approximateNumEntries()).as("nothing stored").isZero();
    assertThat(worker.waiting()).isZero();
  }

  @Test
  void anAlertWaitsForTheWorkerAndTheItemsAfterItWaitBehindItInOrder() {
    start(8);
    process("chat:alert-1");
    process("chat:fine-2");
    assertThat(context.forwarded()).isEmpty();
    assertThat(store.approximateNumEntries()).as("both kept until forwarded").isEqualTo(2);

    punctuate();
    assertThat(context.forwarded()).as("the worker has not run").isEmpty();
    worker.runAll();
    punctuate();
    assertThat(forwardedIds()).containsExactly("chat:alert-1", "chat:fine-2");
    assertThat(context.forwarded().get(0).record().value().getReasons()).containsExactly(GIVEN);
    assertThat(context.forwarded().get(1).record().value().getReasons()).as("needed no work").isEmpty();
    assertThat(context.forwarded().get(0).record().timestamp()).isEqualTo(T0.toEpochMilli());
    assertThat(context.forwarded().get(0).record().headers().lastHeader("trace").value()).containsExactly(7);
    assertThat(store.approximateNumEntries()).isZero();
  }

  @Test
  void oneBatchAtATimeGoesToTheWorkerEachAtMostMaxBatchAlerts() {
    start(2);
    for (int i = 1; i <= 5; i++) {
      process("chat:alert-" + i);
    }
    assertThat(worker.waiting()).isEqualTo(1);
    while (worker.runAll() > 0) {
      punctuate();
    }
    assertThat(batchSizes).as("the first goes at once; the others gather while it is on the worker")
        .containsExactly(1, 2, 2);
    assertThat(forwardedIds()).containsExactly("chat:alert-1", "chat:alert-2", "chat:alert-3", "chat:alert-4",
        "chat:alert-5");
  }

  @Test
  void alertsLeftInTheStoreAfterARestoreAreWorkedOnAgainAndNewOnesNumberedAfterThem() {
    store.put(7L, pending("chat:alert-left"));
    store.put(8L, pending("chat:fine-left"));
    start(8);
    assertThat(worker.waiting()).isEqualTo(1);
    process("chat:alert-new");
    assertThat(store.get(9L)).as("sequence numbers go on after the restored ones").isNotNull();

    while (worker.runAll() > 0) {
      punctuate();
    }
    assertThat(forwardedIds()).containsExactly("chat:alert-left", "chat:fine-left", "chat:alert-new");
    Record<? extends String, ? extends ScoredFeedback> restored = context.forwarded().get(1).record();
    ScoredFeedback again = pending("chat:fine-left").scored();
    assertThat(restored.value().getFeedback()).as("read back from the store's bytes").isEqualTo(again.getFeedback());
    assertThat(restored.value().getProbabilities()).isEqualTo(again.getProbabilities());
    assertThat(restored.timestamp()).isEqualTo(T0.toEpochMilli());
    assertThat(restored.headers().lastHeader("trace").value()).containsExactly(7);
    assertThat(store.approximateNumEntries()).isZero();
  }

  @Test
  void storedBytesOfAnotherFormatAreRefused() {
    byte[] bytes = PendingAlertSerde.write(pending("chat:alert-1"));
    bytes[0] = 9;
    assertThatThrownBy(() -> PendingAlertSerde.read(bytes)).hasMessageContaining("unknown format 9");
  }

  @Test
  void restoredItemsAreForwardedAtTheFirstBeatNotDuringInit() {
    store.put(3L, pending("chat:fine-left"));
    start(8);
    assertThat(context.forwarded()).as("init may not forward").isEmpty();
    punctuate();
    assertThat(forwardedIds()).containsExactly("chat:fine-left");
  }

  @Test
  void aBatchOnTheWorkerWhenTheTaskClosesIsDroppedAndWorkedOnAgainByTheNextInit() {
    start(8);
    process("chat:alert-1");
    processor.close();
    worker.runAll(); // finishes after the close: nobody collects it

    processor.init(context); // the task comes back (a revived task re-initializes the same instance)
    worker.runAll();
    punctuate();
    assertThat(forwardedIds()).containsExactly("chat:alert-1");
    assertThat(batchSizes).containsExactly(1, 1);
    assertThat(store.approximateNumEntries()).isZero();
  }

  @Test
  void aBatchWhoseWorkFailsGoesOnWithoutWhatItWouldHaveBeenGiven() {
    work = batch -> {
      throw new IllegalStateException("encoder failed");
    };
    start(8);
    process("chat:alert-1");
    worker.runAll();
    punctuate();
    assertThat(forwardedIds()).containsExactly("chat:alert-1");
    assertThat(context.forwarded().get(0).record().value().getReasons()).isEmpty();
  }

  @Test
  void aClosedModelFailsTheTaskAndTheAlertStaysStored() {
    work = batch -> {
      throw new ModelClosedException("closed");
    };
    start(8);
    process("chat:alert-1");
    worker.runAll();
    assertThatThrownBy(this::punctuate).isInstanceOf(ModelClosedException.class);
    assertThat(context.forwarded()).isEmpty();
    assertThat(store.approximateNumEntries()).isEqualTo(1);
  }

  private void process(String id) {
    PendingAlert p = pending(id);
    processor.process(new Record<>(p.key(), p.scored(), p.timestamp(), p.headers()));
  }

  private void punctuate() {
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(T0.toEpochMilli());
  }

  private List<String> forwardedIds() {
    return context.forwarded().stream().map(f -> (String) f.record().key()).toList();
  }

  private static PendingAlert pending(String id) {
    Feedback f = Feedback.newBuilder().setId(id).setChannel("chat").setSourceId(id.substring("chat:".length()))
        .setEventTime(T0).setOriginalText("text of " + id).setText("text of " + id).build();
    ScoredFeedback scored = new FeedbackScorer(model, Clock.fixed(T0, ZoneOffset.UTC)).score(f);
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", new byte[] {7});
    return new PendingAlert(id, scored, T0.toEpochMilli(), headers);
  }
}
