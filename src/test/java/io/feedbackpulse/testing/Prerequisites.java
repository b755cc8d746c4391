package io.feedbackpulse.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A tool or data set a test needs. On a developer's machine a missing one skips the test; under {@code CI=true}
 * it fails it, since CI installs everything and a skipped test there would hide a broken install step.
 */
public final class Prerequisites {
  private Prerequisites() {}

  public static void require(boolean present, String whatIsMissing) {
    if (present) {
      return;
    }
    if (onCi()) {
      fail("CI=true and " + whatIsMissing);
    }
    assumeTrue(false, whatIsMissing);
  }

  static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
