package io.feedbackpulse.demo;

import java.util.List;
import java.util.SplittableRandom;

/** Small helpers over a caller's seeded random, so that generated traffic stays reproducible. */
final class Randoms {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Randoms() {
  }

  static boolean chance(SplittableRandom random, double probability) {
    return random.nextDouble() < probability;
  }

  static <T> T oneOf(SplittableRandom random, List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  static String hex(SplittableRandom random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = HEX[random.nextInt(16)];
    }
    return new String(chars);
  }

  /** {@code length} decimal digits, the first one not zero. */
  static String digits(SplittableRandom random, int length) {
    StringBuilder digits = new StringBuilder(length).append(1 + random.nextInt(9));
    for (int i = 1; i < length; i++) {
      digits.append(random.nextInt(10));
    }
    return digits.toString();
  }
}
