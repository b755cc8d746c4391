package io.feedbackpulse.service;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The instance's one thread for explaining alerts and giving them reasons, so they take at most one core. It ends
 * when idle, so a pipeline built only to be described holds no thread.
 */
public final class AlertWorker implements Executor {
  private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), task -> {
        Thread t = new Thread(task, "alert-worker");
        t.setDaemon(true);
        return t;
      });

  public AlertWorker() {
    thread.allowCoreThreadTimeOut(true);
  }

  @Override
  public void execute(Runnable task) {
    thread.execute(task);
  }

  /** Batches finished so far, failed ones included: the health check's sign that the worker moves. */
  public long batchesDone() {
    return thread.getCompletedTaskCount();
  }

  /**
   * Stops before the streams stop, so that none of its model calls runs while the service shuts down: the batches
   * waiting for it are dropped (their alerts stay in the pending-alerts store, for the next start), and the one it
   * is on is let finish, for up to {@code timeout}. Later tasks are refused. Returns whether it stopped in time.
   */
  public boolean stop(Duration timeout) {
    thread.shutdown();
    thread.getQueue().clear();
    try {
      return thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
