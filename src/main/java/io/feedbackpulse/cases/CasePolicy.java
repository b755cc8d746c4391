package io.feedbackpulse.cases;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import java.time.Duration;

/**
 * When cases close, escalate and go.
 *
 * @param idleClose an open case closes after this much time without an alert (stream time, run on by the wall
 *     clock while no alert arrives)
 * @param retention a closed case is deleted (a tombstone on the compacted topic) this much stream time after it closed
 * @param escalateAfter a case with more alerts than this is HIGH
 */
public record CasePolicy(Duration idleClose, Duration retention, int escalateAfter) {
  /** Alerts a case record lists; more would let one chatty customer's record grow without bound. */
  public static final int LISTED_ALERTS = 50;
  private static final Duration LONGEST_CHECK = Duration.ofMinutes(1);

  public CasePolicy {
    if (idleClose.isNegative() || idleClose.isZero()) {
      throw new IllegalArgumentException("cases.idle-close must be positive, got " + idleClose);
    }
    if (retention.isNegative()) {
      throw new IllegalArgumentException("cases.retention must not be negative, got " + retention);
    }
    if (escalateAfter < 1) {
      throw new IllegalArgumentException("cases.escalate-after must be at least 1, got " + escalateAfter);
    }
  }

  /** How often (stream time and wall-clock time) open cases are checked for idleness, closed ones for a tombstone. */
  public Duration checkEvery() {
    Duration every = idleClose.compareTo(LONGEST_CHECK) < 0 ? idleClose : LONGEST_CHECK;
    if (!retention.isZero() && retention.compareTo(every) < 0) {
      every = retention;
    }
    return every;
  }

  public static CasePolicy from(Settings s) {
    try {
      return new CasePolicy(s.duration("cases.idle-close"), s.duration("cases.retention"),
          s.integer("cases.escalate-after"));
    } catch (IllegalArgumentException e) {
      throw new SettingsException(e.getMessage());
    }
  }
}
