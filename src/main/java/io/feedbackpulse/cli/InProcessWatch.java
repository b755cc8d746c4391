package io.feedbackpulse.cli;

import io.feedbackpulse.App;
import io.feedbackpulse.training.BackgroundPriority;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;

/**
 * {@code pipeline watch} inside a serving process ({@code run} with {@code pipeline.enabled}, {@code demo
 * --autopilot}), on a thread of its own: the same command with the process's settings, so what runs inside is what a
 * watcher of its own would do. The thread runs at {@code pipeline.nice} ({@link BackgroundPriority}), and so does
 * everything it starts (snapshot, training, evaluation), so that the runs take the CPU that scoring leaves. Closing
 * it interrupts the watch (a run in progress ends {@code cancelled}) and waits for it, so that it is gone before the
 * broker it talks to.
 */
final class InProcessWatch implements AutoCloseable {
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final Thread thread;
  private final AtomicBoolean closing;

  private InProcessWatch(Thread thread, AtomicBoolean closing) {
    this.thread = thread;
    this.closing = closing;
  }

  /**
   * @param args {@code pipeline watch} and its options, the process's settings among them
   * @param nice {@code pipeline.nice}
   * @param ended told the watch's exit status when it ends by itself (not when closed)
   */
  static InProcessWatch start(String[] args, int nice, PrintWriter out, IntConsumer ended) {
    AtomicBoolean closing = new AtomicBoolean();
    Thread thread = new Thread(() -> {
      BackgroundPriority.lowerCurrentThread(nice);
      CommandLine cli = App.commandLine();
      cli.setOut(out);
      cli.setErr(out);
      IExecutionExceptionHandler errors = cli.getExecutionExceptionHandler();
      // the interrupt that stops the process is no error of the watch's
      cli.setExecutionExceptionHandler((e, command, parsed) -> closing.get() ? ExitStatus.FAILED
          : errors.handleExecutionException(e, command, parsed));
      int status = cli.execute(args);
      if (!closing.get()) {
        ended.accept(status);
      }
    }, "pipeline-watch");
    thread.setDaemon(true);
    thread.start();
    return new InProcessWatch(thread, closing);
  }

  @Override
  public void close() {
    closing.set(true);
    thread.interrupt();
    try {
      thread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LoggerFactory.getLogger(InProcessWatch.class).warn("the in-process pipeline watch did not stop within {}",
          STOP_WAIT);
    }
  }
}
