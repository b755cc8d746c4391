package io.feedbackpulse.models;

import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.inference.SentimentModel;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of the loaded models of a running service: what it is given it closes. Stream threads
 * {@link #lease} the current assignment for each batch; {@link #serve} swaps in another between batches, and a
 * model that no assignment uses any more is closed once the last batch that leased it is done. {@link #close}
 * closes everything, and is called once the stream threads have stopped.
 *
 * <p>Each assignment counts its leases plus one for being current. A lease is only taken while the count is
 * above zero, so an assignment whose count reached zero (retired and released) is never leased again, and its
 * models can be closed without a batch still calling them.
 */
public final class ServingModels implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServingModels.class);

  private final AtomicReference<Held> current;
  /** How many assignments not yet released hold each model; guarded by this. */
  private final Map<SentimentModel, Integer> holders = new IdentityHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong swaps = new AtomicLong();
  private final List<Consumer<ModelAssignment>> listeners = new CopyOnWriteArrayList<>();

  public ServingModels(ModelAssignment first) {
    current = new AtomicReference<>(hold(first));
  }

  public ServingModels(SentimentModel champion) {
    this(ModelAssignment.championOnly(champion));
  }

  /** The current assignment, held until the lease is closed; one per batch. */
  public ModelLease lease() {
    while (true) {
      if (closed.get()) {
        throw new ModelClosedException("the serving models are closed: the service is stopping");
      }
      Held held = current.get();
      if (held.tryAcquire()) {
        return held.newLease();
      }
    }
  }

  /** The assignment new batches get; for status and metrics, not to score with (use {@link #lease}). */
  public ModelAssignment current() {
    return current.get().assignment;
  }

  /**
   * Makes {@code next} the assignment of every batch from now on. Batches that leased the previous one finish
   * with it; its models that {@code next} does not use are closed after them. The caller hands over the models
   * in {@code next} it loaded: they are this owner's from now on.
   */
  public void serve(ModelAssignment next) {
    if (closed.get()) {
      throw new IllegalStateException("the serving models are closed");
    }
    Held previous = current.getAndSet(hold(next));
    swaps.incrementAndGet();
    log.info("Serving {} (was {})", next.describe(), previous.assignment.describe());
    previous.release();
    listeners.forEach(listener -> listener.accept(next));
  }

  /** Swaps since start. */
  public long swaps() {
    return swaps.get();
  }

  /** Tells {@code listener} each assignment served from now on (metrics); called on the swapping thread. */
  public void onServe(Consumer<ModelAssignment> listener) {
    listeners.add(listener);
  }

  private synchronized Held hold(ModelAssignment assignment) {
    assignment.models().forEach(m -> holders.merge(m, 1, Integer::sum));
    return new Held(assignment);
  }

  private synchronized void released(ModelAssignment assignment) {
    for (SentimentModel m : assignment.models()) {
      if (holders.merge(m, -1, Integer::sum) == 0) {
        holders.remove(m);
        log.info("Closing model {} ({}): no batch uses it any more", m.lineage().version(), m.lineage().id());
        m.close();
      }
    }
  }

  /** Closes every model; call once nothing leases any more (the stream threads have stopped). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      current.get().release();
    }
  }

  private final class Held {
    final ModelAssignment assignment;
    /** Leases plus one while current; at zero the assignment is released for good. */
    final AtomicInteger count = new AtomicInteger(1);

    Held(ModelAssignment assignment) {
      this.assignment = assignment;
    }

    boolean tryAcquire() {
      int n;
      do {
        n = count.get();
        if (n == 0) {
          return false;
        }
      } while (!count.compareAndSet(n, n + 1));
      return true;
    }

    void release() {
      if (count.decrementAndGet() == 0) {
        released(assignment);
      }
    }

    ModelLease newLease() {
      AtomicBoolean done = new AtomicBoolean();
      return new ModelLease() {
        @Override
        public ModelAssignment assignment() {
          return assignment;
        }

        @Override
        public void close() {
          if (done.compareAndSet(false, true)) {
            release();
          }
        }
      };
    }
  }
}
