package io.feedbackpulse.topology;

import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.inference.ModelClosedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
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
 * Gives alerts their explanation and reasons on a worker thread, after scoring, so that no scoring transaction
 * waits for them: the scored items are written to feedback.scored at once, and each alert goes on to the alert
 * stages once its batch is done (in a later transaction).
 *
 * <p>Items reach the alert stages in the order they came: an item that needs no work ({@code needsWork} false) waits
 * behind the alerts before it. Whatever waits is held in a changelogged store keyed by a sequence number, and an
 * entry is deleted in the same step (the same transaction under exactly-once) that forwards it, so a crash or a
 * rebalance neither loses nor doubles an alert: after a restore the store's entries are worked on again. A batch
 * still on the worker when its task closes is dropped; whoever owns the task next works on it afresh.
 *
 * <p>One batch per task is on the worker at a time, at most {@code maxBatch} alerts; the worker is shared by the
 * instance's tasks, so it bounds the CPU the alerts take (one thread).
 */
final class AlertEnrichmentProcessor implements Processor<String, ScoredFeedback, String, ScoredFeedback> {
  private static final Logger log = LoggerFactory.getLogger(AlertEnrichmentProcessor.class);

  private final UnaryOperator<List<ScoredFeedback>> enrichment;
  private final Predicate<ScoredFeedback> needsWork;
  private final Executor worker;
  private final String storeName;
  private final int maxBatch;
  private final Duration beat;
  /** What waits, in arrival order; its entries are in the store. */
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  /** Alerts the worker is done with, by sequence, until their turn to be forwarded comes. */
  private final Map<Long, ScoredFeedback> done = new HashMap<>();
  private InFlight inFlight;
  private ProcessorContext<String, ScoredFeedback> context;
  private KeyValueStore<Long, PendingAlert> store;
  private long nextSequence;

  /**
   * @param enrichment the work on a batch of alerts: the same alerts, in the same order, with what they were given
   * @param needsWork which items go to the worker (the others are forwarded as they are, in their turn)
   * @param worker where the work runs
   * @param beat how often finished work is looked for when no record comes
   */
  AlertEnrichmentProcessor(UnaryOperator<List<ScoredFeedback>> enrichment, Predicate<ScoredFeedback> needsWork,
      Executor worker, String storeName, int maxBatch, Duration beat) {
    this.enrichment = enrichment;
    this.needsWork = needsWork;
    this.worker = worker;
    this.storeName = storeName;
    this.maxBatch = maxBatch;
    this.beat = beat;
  }

  @Override
  public void init(ProcessorContext<String, ScoredFeedback> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    // A revived task initializes the same instance again: the store, not memory, is the truth.
    waiting.clear();
    done.clear();
    inFlight = null;
    List<KeyValue<Long, PendingAlert>> restored = new ArrayList<>();
    try (KeyValueIterator<Long, PendingAlert> entries = store.all()) {
      entries.forEachRemaining(restored::add);
    }
    nextSequence = restored.isEmpty() ? 0 : restored.get(restored.size() - 1).key + 1;
    restored.forEach(e -> waiting.add(new Waiting(e.key, e.value, needsWork.test(e.value.scored()))));
    if (!restored.isEmpty()) {
      log.info("Task {}: {} alerts restored awaiting their explanation and reasons", context.taskId(),
          restored.size());
    }
    context.schedule(beat, PunctuationType.WALL_CLOCK_TIME, now -> forwardWhatIsDone());
    submitNextBatch(); // forwarding waits for the first beat or record: init may not forward
  }

  @Override
  public void process(Record<String, ScoredFeedback> record) {
    boolean work = needsWork.test(record.value());
    if (!work && waiting.isEmpty()) {
      context.forward(record);
      return;
    }
    long sequence = nextSequence++;
    PendingAlert alert = new PendingAlert(record.key(), record.value(), record.timestamp(), record.headers());
    store.put(sequence, alert);
    waiting.add(new Waiting(sequence, alert, work));
    forwardWhatIsDone();
  }

  private void forwardWhatIsDone() {
    boolean more = true;
    while (more) {
      collectFinishedBatch();
      forwardReadyHeads();
      // a worker that runs the work in place (tests) is done at once
      more = submitNextBatch() && inFlight.result().isDone();
    }
  }

  private void forwardReadyHeads() {
    while (!waiting.isEmpty()) {
      Waiting head = waiting.peek();
      ScoredFeedback value;
      if (!head.needsWork()) {
        value = head.alert().scored();
      } else if (done.containsKey(head.sequence())) {
        value = done.remove(head.sequence());
      } else {
        break;
      }
      waiting.poll();
      PendingAlert a = head.alert();
      context.forward(new Record<>(a.key(), value, a.timestamp(), a.headers()));
      store.delete(head.sequence());
    }
  }

  private void collectFinishedBatch() {
    if (inFlight == null || !inFlight.result().isDone()) {
      return;
    }
    InFlight finished = inFlight;
    inFlight = null;
    List<ScoredFeedback> results;
    try {
      results = finished.result().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ModelClosedException closed) {
        throw closed; // the service is stopping: the task fails and the alerts stay in the store
      }
      log.warn("Could not give {} alerts their explanation and reasons; they go on without: {}",
          finished.batch().size(), String.valueOf(e.getCause()));
      results = finished.batch().stream().map(w -> w.alert().scored()).toList();
    }
    for (int i = 0; i < finished.batch().size(); i++) {
      done.put(finished.batch().get(i).sequence(), results.get(i));
    }
  }

  /**
   * Hands the next batch to the worker when none is there. Nothing waiting has been worked on then: batches go in
   * order, and once one is done every item up to the alerts after it has been forwarded.
   *
   * @return whether a batch went to the worker
   */
  private boolean submitNextBatch() {
    if (inFlight != null) {
      return false;
    }
    List<Waiting> batch = new ArrayList<>();
    for (Waiting w : waiting) {
      if (batch.size() == maxBatch) {
        break;
      }
      if (w.needsWork()) {
        batch.add(w);
      }
    }
    if (batch.isEmpty()) {
      return false;
    }
    List<ScoredFeedback> alerts = batch.stream().map(w -> w.alert().scored()).toList();
    CompletableFuture<List<ScoredFeedback>> result;
    try {
      result = CompletableFuture.supplyAsync(() -> enrichment.apply(alerts), worker);
    } catch (RejectedExecutionException e) {
      return false; // the worker is stopping with the service; the alerts stay in the store
    }
    inFlight = new InFlight(batch, result);
    return true;
  }

  @Override
  public void close() {
    waiting.clear();
    done.clear();
    inFlight = null;
  }

  private record Waiting(long sequence, PendingAlert alert, boolean needsWork) {}

  private record InFlight(List<Waiting> batch, CompletableFuture<List<ScoredFeedback>> result) {}
}
