package io.feedbackpulse.reasons;

import java.util.List;

/**
 * One reason customers complain, as a deployment names it.
 *
 * @param name what alerts, cases and metrics call it
 * @param description one line saying what it covers: enough to score it with no example
 * @param examples texts known to be about it (may be empty)
 */
public record Reason(String name, String description, List<String> examples) {
  public Reason {
    examples = List.copyOf(examples);
  }
}
