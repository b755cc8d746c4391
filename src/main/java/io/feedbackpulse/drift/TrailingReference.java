package io.feedbackpulse.drift;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The closed windows of one channel over a trailing span, the reference when drift is measured
 * against recent traffic rather than the training data. Bounded: windows that ended more than the
 * span before the newest one are dropped. Mutable; a state store keeps it per channel.
 */
public final class TrailingReference {
  private List<TrailingWindow> windows = new ArrayList<>();

  /** Adds a closed window (replacing one with the same start) and forgets those older than {@code span}. */
  public TrailingReference record(TrailingWindow window, Duration span) {
    windows.removeIf(w -> w.start() == window.start());
    windows.add(window);
    windows.sort(Comparator.comparingLong(TrailingWindow::start));
    long newestEnd = windows.get(windows.size() - 1).end();
    windows.removeIf(w -> w.end() <= newestEnd - span.toMillis());
    return this;
  }

  /**
   * The pooled totals of the windows that ended within {@code span} before {@code windowStart}, the
   * window being measured left out.
   */
  public LabelWindowAggregate pooledBefore(long windowStart, Duration span) {
    LabelWindowAggregate pooled = new LabelWindowAggregate();
    for (TrailingWindow w : windows) {
      if (w.end() <= windowStart && w.end() > windowStart - span.toMillis()) {
        pooled.negative += w.negative();
        pooled.neutral += w.neutral();
        pooled.positive += w.positive();
        pooled.confidenceSum += w.confidenceSum();
        pooled.entropySum += w.entropySum();
        w.reasons().forEach((reason, n) -> pooled.reasons.merge(reason, n, Long::sum));
        pooled.alertsWithReasons += w.alertsWithReasons();
      }
    }
    return pooled;
  }

  public int size() {
    return windows.size();
  }
}
