package io.feedbackpulse.training;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How far a long step has come, for whoever waits on it: a line such as {@code scored 1,200 of 3,000 texts
 * (85/s, ETA 0:21)} at most once an interval, and always at the end. It goes to stderr, never to stdout, where
 * commands print their results ({@code --json}). On a terminal it redraws one line instead of adding lines.
 */
public final class Progress {
  /** Prints nothing. */
  public static final Progress NONE = new Progress(null, Duration.ZERO, false, System::nanoTime);

  private final PrintWriter out;
  private final long intervalNanos;
  private final boolean redraw;
  private final LongSupplier nanoTime;

  Progress(PrintWriter out, Duration interval, boolean redraw, LongSupplier nanoTime) {
    this.out = out;
    this.intervalNanos = interval.toNanos();
    this.redraw = redraw;
    this.nanoTime = nanoTime;
  }

  /** Lines on {@code out} at most once an {@code interval} (zero: at every step); {@code redraw}: one line, redrawn. */
  public static Progress every(Duration interval, PrintWriter out, boolean redraw) {
    return new Progress(out, interval, redraw, System::nanoTime);
  }

  /** A step of {@code total} items: {@code verb} says what is done to them ("scored"), {@code items} what they are. */
  public Step start(String verb, long total, String items) {
    return new Step(verb, total, items);
  }

  /** One step under way; {@link #advance} as items are done. */
  public final class Step {
    private final String verb;
    private final long total;
    private final String items;
    private final long started = nanoTime.getAsLong();
    private long lastPrinted = started;
    private long done;

    private Step(String verb, long total, String items) {
      this.verb = verb;
      this.total = total;
      this.items = items;
    }

    public void advance(long count) {
      done += count;
      if (out == null) {
        return;
      }
      long now = nanoTime.getAsLong();
      boolean finished = done >= total;
      if (!finished && now - lastPrinted < intervalNanos) {
        return;
      }
      lastPrinted = now;
      String line = line(done, now - started);
      if (redraw) {
        // the padding wipes what a longer line before left
        out.print("\r" + line + "   " + (finished ? "\n" : ""));
      } else {
        out.println(line);
      }
      out.flush();
    }

    String line(long done, long elapsedNanos) {
      double seconds = elapsedNanos / 1e9;
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s %,d of %,d %s", verb, done, total, items));
      if (seconds > 0 && done > 0) {
        double rate = done / seconds;
        b.append(String.format(Locale.ROOT, " (%,.0f/s", rate));
        b.append(done < total ? ", ETA " + clock(Math.round((total - done) / rate)) : ", in " + clock(Math.round(seconds)));
        b.append(')');
      }
      return b.toString();
    }
  }

  /** 0:21, 12:05, 1:02:03. */
  static String clock(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
