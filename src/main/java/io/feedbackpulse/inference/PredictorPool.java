package io.feedbackpulse.inference;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DJL predictors of one model, reused across calls. A {@link Predictor} is not thread-safe, so a call borrows
 * one for itself and gives it back: there are as many as calls ever ran at once (about one per stream thread
 * scoring), and a thread that is gone leaves nothing behind. Closed with the model, by whoever closes the model,
 * after the calls in flight.
 */
final class PredictorPool<I, O> implements AutoCloseable {
  private final Model model;
  private final Translator<I, O> translator;
  private final Deque<Predictor<I, O>> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger created = new AtomicInteger();
  private volatile boolean closed;

  PredictorPool(Model model, Translator<I, O> translator) {
    this.model = model;
    this.translator = translator;
  }

  O predict(I input) throws TranslateException {
    Predictor<I, O> predictor = idle.pollFirst();
    if (predictor == null) {
      predictor = model.newPredictor(translator);
      created.incrementAndGet();
    }
    try {
      return predictor.predict(input);
    } finally {
      idle.addFirst(predictor);
      if (closed) {
        closeIdle();
      }
    }
  }

  /** How many predictors were made: at most the most calls that ran at once. */
  int created() {
    return created.get();
  }

  private void closeIdle() {
    for (Predictor<I, O> p = idle.pollFirst(); p != null; p = idle.pollFirst()) {
      p.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    closeIdle();
  }
}
