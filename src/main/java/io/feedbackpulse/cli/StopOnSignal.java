package io.feedbackpulse.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shutdown hook for the length of a command that uses a model: on SIGTERM or SIGINT it runs {@code stop},
 * which returns only once nothing calls the model any more and the model is closed. The JVM exits when the hook
 * returns, and an exit while ONNX Runtime is inside a call crashes it (SIGSEGV in libonnxruntime: the library
 * is torn down under the call).
 */
final class StopOnSignal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StopOnSignal.class);

  private final Thread hook;
  private volatile boolean signalled;

  private StopOnSignal(String command, Runnable stop) {
    this.hook = new Thread(() -> {
      signalled = true;
      log.info("{}: stopping on a signal", command);
      stop.run();
    }, command + "-shutdown");
  }

  static StopOnSignal install(String command, Runnable stop) {
    StopOnSignal s = new StopOnSignal(command, stop);
    Runtime.getRuntime().addShutdownHook(s.hook);
    return s;
  }

  /** Whether the hook has run: a failure of the work since then is the stop, not an error. */
  boolean signalled() {
    return signalled;
  }

  /** Removes the hook once the command finished by itself. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs (or ran)
    }
  }
}
