package io.feedbackpulse.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training that shares an instance with scoring runs at a background CPU priority: the calling thread's nice value is
 * raised (19 is the lowest priority), and the threads it starts afterwards, ONNX Runtime's among them, inherit it.
 * On Linux a nice value belongs to a thread, so the stream threads and the alert worker keep theirs, and the
 * scheduler gives a nice-19 thread about 1/70 of a contended core against a nice-0 one, and all of an idle one.
 * A separate process would not do: with autogroup scheduling (the kernel's default for desktops and many servers)
 * nice values only weigh threads of the same session against each other.
 *
 * <p>Java has no call for it, so {@code renice} (util-linux) is run on the thread's id. Where that fails (no Linux, no
 * renice), training goes on at the normal priority and a warning says so.
 */
public final class BackgroundPriority {
  /** The lowest scheduling priority. */
  public static final int LOWEST = 19;
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);
  private static final Path THREAD_SELF = Path.of("/proc/thread-self");
  /** Field 19 of /proc/[pid]/task/[tid]/stat, counted from 1. */
  private static final int NICE_FIELD = 19;

  private BackgroundPriority() {}

  /**
   * Sets the calling thread's nice value; 0 leaves it as it is.
   *
   * @param nice 0 to 19
   * @return whether the thread now runs at that nice value
   */
  public static boolean lowerCurrentThread(int nice) {
    if (nice < 0 || nice > LOWEST) {
      throw new IllegalArgumentException("a background nice value is 0 to " + LOWEST + ", got " + nice);
    }
    if (nice == 0) {
      return false;
    }
    OptionalInt tid = currentThreadId();
    if (tid.isEmpty()) {
      LOG.warn("training runs at normal priority: no /proc/thread-self to find this thread's id");
      return false;
    }
    try {
      Process renice = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p",
          Integer.toString(tid.getAsInt())).redirectErrorStream(true).start();
      String said = new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!renice.waitFor(10, TimeUnit.SECONDS) || renice.exitValue() != 0) {
        renice.destroyForcibly();
        LOG.warn("training runs at normal priority: renice -n {} -p {} failed: {}", nice, tid.getAsInt(), said);
        return false;
      }
    } catch (IOException e) {
      LOG.warn("training runs at normal priority: renice could not be run ({})", e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return niceOfCurrentThread().orElse(0) == nice;
  }

  /** The calling thread's nice value, where /proc says it. */
  public static OptionalInt niceOfCurrentThread() {
    try {
      String stat = Files.readString(THREAD_SELF.resolve("stat"), StandardCharsets.US_ASCII);
      // the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
      String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return OptionalInt.of(Integer.parseInt(after[NICE_FIELD - 3]));
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();
    }
  }

  private static OptionalInt currentThreadId() {
    try {
      // /proc/thread-self links to <pid>/task/<tid> as seen by the thread that reads it
      Path target = Files.readSymbolicLink(THREAD_SELF);
      return OptionalInt.of(Integer.parseInt(target.getFileName().toString()));
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();
    }
  }
}
