package io.feedbackpulse.drift;

import java.util.Map;

/**
 * How often each complaint reason was given in the windows a window's reasons are compared with.
 *
 * @param name what it is, e.g. {@code trailing:PT24H}
 * @param counts alerts given each reason
 * @param alerts alerts given at least one reason: what the shares are of
 */
public record ReasonReference(String name, Map<String, Long> counts, long alerts) {
  public ReasonReference {
    counts = Map.copyOf(counts);
  }

  public double share(String reason) {
    return alerts == 0 ? 0 : (double) counts.getOrDefault(reason, 0L) / alerts;
  }
}
