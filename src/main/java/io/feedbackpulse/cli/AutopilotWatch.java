package io.feedbackpulse.cli;

import io.feedbackpulse.App;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;

/**
 * {@code pipeline watch} inside the demo, on a thread of its own: the same command with the demo's settings, so what
 * the autopilot does is what a deployment's watcher does. Closing it interrupts the watch (a run in progress ends
 * {@code cancelled}) and waits for it, so that it is gone before the broker it talks to.
 */
final class AutopilotWatch implements AutoCloseable {
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final Thread thread;
  private final AtomicBoolean closing;

  private AutopilotWatch(Thread thread, AtomicBoolean closing) {
    this.thread = thread;
    this.closing = closing;
  }

  /** @param maxRuns the watch stops after this many runs */
  static AutopilotWatch start(DemoCommands commands, int maxRuns, PrintWriter out) {
    String[] args = commands.args("pipeline", "watch", "--max-runs", Integer.toString(maxRuns));
    AtomicBoolean closing = new AtomicBoolean();
    Thread thread = new Thread(() -> {
      CommandLine cli = App.commandLine();
      cli.setOut(out);
      cli.setErr(out);
      IExecutionExceptionHandler errors = cli.getExecutionExceptionHandler();
      // the interrupt that stops the demo is no error of the watch's
      cli.setExecutionExceptionHandler((e, command, parsed) -> closing.get() ? ExitStatus.FAILED
          : errors.handleExecutionException(e, command, parsed));
      int status = cli.execute(args);
      if (!closing.get()) {
        out.println("autopilot: pipeline watch ended (at most " + maxRuns + " runs), status " + status);
        out.flush();
      }
    }, "demo-autopilot-watch");
    thread.setDaemon(true);
    thread.start();
    return new AutopilotWatch(thread, closing);
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
      LoggerFactory.getLogger(AutopilotWatch.class).warn("demo: the autopilot's pipeline watch did not stop within {}",
          STOP_WAIT);
    }
  }
}
