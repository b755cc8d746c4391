package io.feedbackpulse.topology;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.inference.BatchScorer;
import io.feedbackpulse.inference.BatchStage;
import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.inference.StageTimings;
import io.feedbackpulse.streams.DeadLetters;
import io.feedbackpulse.streams.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores feedback in micro-batches: one model call per batch of {@link Batching#maxSize()}
 * records or {@link Batching#maxTokens()} model tokens, or fewer once the oldest waiting record has
 * waited {@link Batching#maxWait()} (wall clock; checked on each record and by a punctuator every
 * half of it). A record that would take a batch over its token budget goes to the next one, so one
 * call's work stays bounded whatever the texts' lengths. Timing by the oldest
 * record's age, not by a fixed beat, keeps a punctuator that fell due during a long model call
 * from flushing the one or two records that arrived just after it.
 *
 * <p>Waiting records live in a changelogged store keyed by a sequence number that grows within
 * the task, so its key order is arrival order and per-key order survives. A record's store entry
 * is deleted in the same processing step (the same transaction under exactly-once) that forwards
 * its result, so a crash or a rebalance neither loses nor doubles a record: whatever the store
 * holds after a restore is scored first.
 *
 * <p>A plain {@link Processor} rather than a {@code FixedKeyProcessor}: results are forwarded
 * from a punctuator and, after a restore, for records this instance never saw, and a
 * {@code FixedKeyRecord} can only be derived from a record passed to {@code process} (it has no
 * public constructor). The key is never changed; it is forwarded as stored.
 *
 * <p>A batch leases its models once ({@link BatchScorers.Source#lease}) and scores with them start to finish, so
 * a model swap falls between batches: each result names the model that scored it, and a retried batch (after a
 * crash) is scored afresh by whatever is serving then. With a challenger on traffic, the items it takes cost
 * both models' tokens (see {@code ServedScorers}), so {@code batch.max-tokens} bounds both models' work in one
 * transaction.
 */
final class BatchScoringProcessor implements Processor<String, Outcome<Feedback>, String, ScoringResult> {
  private static final Logger log = LoggerFactory.getLogger(BatchScoringProcessor.class);

  private final BatchScorers.Source scorers;
  private final DeadLetters deadLetters;
  private final Batching batching;
  private final String storeName;
  private final StageTimings timings;
  /** The store's entries in sequence order, so a flush does not read the store back. */
  private final List<Waiting> pending = new ArrayList<>();
  private int pendingTokens;
  private ProcessorContext<String, ScoringResult> context;
  private KeyValueStore<Long, PendingRecord> store;
  private long nextSequence;

  BatchScoringProcessor(BatchScorers.Source scorers, DeadLetters deadLetters, Batching batching, String storeName) {
    this(scorers, deadLetters, batching, storeName, StageTimings.NONE);
  }

  /** @param timings told how long forwarding each batch's results downstream took */
  BatchScoringProcessor(BatchScorers.Source scorers, DeadLetters deadLetters, Batching batching, String storeName,
      StageTimings timings) {
    this.timings = timings;
    this.scorers = scorers;
    this.deadLetters = deadLetters;
    this.batching = batching;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, ScoringResult> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    // A revived task initializes the same instance again: the store, not memory, is the truth.
    pending.clear();
    pendingTokens = 0;
    List<KeyValue<Long, PendingRecord>> restored = new ArrayList<>();
    try (KeyValueIterator<Long, PendingRecord> entries = store.all()) {
      entries.forEachRemaining(restored::add);
    }
    nextSequence = restored.isEmpty() ? 0 : restored.get(restored.size() - 1).key + 1;
    if (!restored.isEmpty()) {
      log.info("Task {}: {} records restored awaiting inference; they go in the next batches", context.taskId(),
          restored.size());
    }
    context.schedule(batching.beat(), PunctuationType.WALL_CLOCK_TIME, now -> {
      if (batchIsFull() || oldestHasWaited(now)) {
        flushOneBatch();
      }
    });
    restored.forEach(entry -> enqueue(entry.key, entry.value));
  }

  @Override
  public void process(Record<String, Outcome<Feedback>> record) {
    PendingRecord waiting = PendingRecord.of(record, context.recordMetadata(), context.currentSystemTimeMs());
    long sequence = nextSequence++;
    store.put(sequence, waiting);
    enqueue(sequence, waiting);
    if (batchIsFull() || oldestHasWaited(context.currentSystemTimeMs())) {
      flushOneBatch();
    }
  }

  private void enqueue(long sequence, PendingRecord record) {
    long start = System.nanoTime();
    int tokens = costOf(record.feedback());
    timings.batchStage(BatchStage.COST, System.nanoTime() - start);
    pending.add(new Waiting(sequence, record, tokens));
    pendingTokens += tokens;
  }

  /**
   * The item's model work under the models serving now (the champion's scorer counts a challenger's work too). A
   * text whose cost cannot be told is scored alone, where a failure is its own.
   */
  private int costOf(Feedback feedback) {
    try (BatchScorers now = scorers.lease()) {
      return now.champion().cost(feedback);
    } catch (ModelClosedException e) {
      throw e; // the service is stopping: fail the task, as scoring would
    } catch (RuntimeException e) {
      return batching.maxTokens();
    }
  }

  private boolean batchIsFull() {
    return pending.size() >= batching.maxSize() || pendingTokens >= batching.maxTokens();
  }

  private boolean oldestHasWaited(long now) {
    return !pending.isEmpty() && now - pending.get(0).record().arrivedAtMillis() >= batching.maxWait().toMillis();
  }

  /**
   * Scores the oldest waiting records that fit one batch: at most {@link Batching#maxSize()} of them
   * and, unless the first alone is over it, {@link Batching#maxTokens()}. A restored backlog drains
   * one batch per call, so each commit covers one batch's work.
   */
  private void flushOneBatch() {
    int n = 0;
    int tokens = 0;
    while (n < pending.size() && n < batching.maxSize()
        && (n == 0 || tokens + pending.get(n).tokens() <= batching.maxTokens())) {
      tokens += pending.get(n).tokens();
      n++;
    }
    if (n == 0) {
      return;
    }
    List<Waiting> batch = List.copyOf(pending.subList(0, n));
    pending.subList(0, n).clear();
    pendingTokens -= tokens;
    List<PendingRecord> records = batch.stream().map(Waiting::record).toList();
    List<ScoringResult> results;
    try (BatchScorers leased = scorers.lease()) {
      List<Outcome<ScoredFeedback>> outcomes = score(leased.champion(), records);
      results = leased.challenger().map(c -> new Challenge(c).apply(records, outcomes))
          .orElseGet(() -> outcomes.stream().map(ScoringResult::of).toList());
    }
    long forwarding = System.nanoTime();
    for (int i = 0; i < batch.size(); i++) {
      PendingRecord r = batch.get(i).record();
      context.forward(new Record<>(r.key(), results.get(i), r.timestamp(), r.headers()));
      store.delete(batch.get(i).sequence());
    }
    timings.batchStage(BatchStage.FORWARD, System.nanoTime() - forwarding);
  }

  /** A stored record in the batch being gathered, with its model cost. */
  private record Waiting(long sequence, PendingRecord record, int tokens) {}

  private List<Outcome<ScoredFeedback>> score(BatchScorer scorer, List<PendingRecord> batch) {
    try {
      return scoreTogether(scorer, batch).stream().map(Outcome::of).toList();
    } catch (ModelClosedException e) {
      throw e; // not the items' fault: the task fails and they stay in the store, to be scored after a restart
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        return List.of(failed(batch.get(0), e));
      }
      log.warn("Model failed on a batch of {}; scoring its items one by one: {}", batch.size(), e.toString());
    }
    List<Outcome<ScoredFeedback>> outcomes = new ArrayList<>(batch.size());
    for (PendingRecord r : batch) {
      try {
        outcomes.add(Outcome.of(scoreTogether(scorer, List.of(r)).get(0)));
      } catch (ModelClosedException e) {
        throw e;
      } catch (RuntimeException e) {
        outcomes.add(failed(r, e));
      }
    }
    return outcomes;
  }

  private static List<ScoredFeedback> scoreTogether(BatchScorer scorer, List<PendingRecord> batch) {
    return scorer.score(batch.stream().map(PendingRecord::feedback).toList(),
        batch.stream().map(PendingRecord::arrivedAtMillis).toList());
  }

  private Outcome<ScoredFeedback> failed(PendingRecord r, RuntimeException e) {
    Feedback feedback = r.feedback();
    return Outcome.failed(deadLetters.of(DeadLetters.INFERENCE_FAILED, "the model failed on this item: " + e,
        feedback.getChannel(), r.source(), r.timestamp(),
        r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8),
        feedback.toString().getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void close() {
    pending.clear();
    pendingTokens = 0;
  }
}
