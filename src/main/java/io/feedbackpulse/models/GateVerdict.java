package io.feedbackpulse.models;

/**
 * What {@link PromotionGate} found, in one line for the manifest's history and the command's output.
 *
 * @param passed every check passed (or was off or skipped, as {@code text} says)
 * @param forced the gate refused and {@code --force} overrode it
 */
public record GateVerdict(boolean passed, boolean forced, String text) {

  public static GateVerdict passed(String text) {
    return new GateVerdict(true, false, "passed: " + text);
  }

  public static GateVerdict refused(String text) {
    return new GateVerdict(false, false, "refused: " + text);
  }

  /** The same refusal, overridden by {@code --force}; a passed verdict stays as it is. */
  public GateVerdict overriddenByForce() {
    return passed ? this : new GateVerdict(false, true, "forced past the gate, which " + text);
  }

  /** What the gate found, without the verdict's own "passed: " or "refused: ". */
  public String findings() {
    return text.substring(text.indexOf(": ") + 2);
  }

  public boolean allowsPromotion() {
    return passed || forced;
  }
}
