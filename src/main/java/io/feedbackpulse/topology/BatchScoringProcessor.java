package io.feedbackpulse.topology;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.inference.BatchScorer;
import io.feedbackpulse.inference.ModelClosedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * records, or fewer once the oldest waiting record has waited {@link Batching#maxWait()} (wall
 * clock; checked on each record and by a punctuator every half of it). Timing by the oldest
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
 */
final class BatchScoringProcessor implements Processor<String, Outcome<Feedback>, String, Outcome<ScoredFeedback>> {
  private static final Logger log = LoggerFactory.getLogger(BatchScoringProcessor.class);
  static final String INFERENCE_FAILED = "inference_failed";

  private final BatchScorer scorer;
  private final DeadLetters deadLetters;
  private final Batching batching;
  private final String storeName;
  /** The store's entries in sequence order, so a flush does not read the store back. */
  private final List<KeyValue<Long, PendingRecord>> pending = new ArrayList<>();
  private ProcessorContext<String, Outcome<ScoredFeedback>> context;
  private KeyValueStore<Long, PendingRecord> store;
  private long nextSequence;

  BatchScoringProcessor(BatchScorer scorer, DeadLetters deadLetters, Batching batching, String storeName) {
    this.scorer = scorer;
    this.deadLetters = deadLetters;
    this.batching = batching;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, Outcome<ScoredFeedback>> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    // A revived task initializes the same instance again: the store, not memory, is the truth.
    pending.clear();
    try (KeyValueIterator<Long, PendingRecord> entries = store.all()) {
      entries.forEachRemaining(pending::add);
    }
    nextSequence = pending.isEmpty() ? 0 : pending.get(pending.size() - 1).key + 1;
    if (!pending.isEmpty()) {
      log.info("Task {}: {} records restored awaiting inference; they go in the next batch", context.taskId(),
          pending.size());
    }
    Duration beat = batching.maxWait().dividedBy(2);
    context.schedule(beat.isZero() ? Duration.ofMillis(1) : beat, PunctuationType.WALL_CLOCK_TIME, now -> {
      if (oldestHasWaited(now)) {
        flush();
      }
    });
  }

  @Override
  public void process(Record<String, Outcome<Feedback>> record) {
    PendingRecord waiting = PendingRecord.of(record, context.recordMetadata(), context.currentSystemTimeMs());
    long sequence = nextSequence++;
    store.put(sequence, waiting);
    pending.add(KeyValue.pair(sequence, waiting));
    if (pending.size() >= batching.maxSize() || oldestHasWaited(context.currentSystemTimeMs())) {
      flush();
    }
  }

  private boolean oldestHasWaited(long now) {
    return !pending.isEmpty() && now - pending.get(0).value.arrivedAtMillis() >= batching.maxWait().toMillis();
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<KeyValue<Long, PendingRecord>> batch = List.copyOf(pending);
    pending.clear();
    List<Outcome<ScoredFeedback>> outcomes = score(batch.stream().map(e -> e.value).toList());
    for (int i = 0; i < batch.size(); i++) {
      PendingRecord r = batch.get(i).value;
      context.forward(new Record<>(r.key(), outcomes.get(i), r.timestamp(), r.headers()));
      store.delete(batch.get(i).key);
    }
  }

  private List<Outcome<ScoredFeedback>> score(List<PendingRecord> batch) {
    try {
      return scoreTogether(batch).stream().map(Outcome::of).toList();
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
        outcomes.add(Outcome.of(scoreTogether(List.of(r)).get(0)));
      } catch (ModelClosedException e) {
        throw e;
      } catch (RuntimeException e) {
        outcomes.add(failed(r, e));
      }
    }
    return outcomes;
  }

  private List<ScoredFeedback> scoreTogether(List<PendingRecord> batch) {
    return scorer.score(batch.stream().map(PendingRecord::feedback).toList(),
        batch.stream().map(PendingRecord::arrivedAtMillis).toList());
  }

  private Outcome<ScoredFeedback> failed(PendingRecord r, RuntimeException e) {
    Feedback feedback = r.feedback();
    log.warn("Model failed on {}: {}", feedback.getId(), e.toString());
    return Outcome.failed(deadLetters.of(INFERENCE_FAILED, "the model failed on this item: " + e,
        feedback.getChannel(), r.source(), r.timestamp(),
        r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8),
        feedback.toString().getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void close() {
    pending.clear();
  }
}
