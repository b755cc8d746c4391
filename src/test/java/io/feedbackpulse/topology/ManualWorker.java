package io.feedbackpulse.topology;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** A worker whose tasks run when the test says, on the test's thread: the moment an alert's batch is done. */
final class ManualWorker implements Executor {
  private final Deque<Runnable> tasks = new ArrayDeque<>();

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
  }

  int waiting() {
    return tasks.size();
  }

  /** Runs the tasks waiting now; returns how many. */
  int runAll() {
    int n = 0;
    for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
      task.run();
      n++;
    }
    return n;
  }
}
