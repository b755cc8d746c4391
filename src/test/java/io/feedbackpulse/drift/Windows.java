package io.feedbackpulse.drift;

/** Label windows built item by item, for the drift tests. */
final class Windows {
  private Windows() {}

  /** A window with the given label counts, every item scored with the given confidence and entropy. */
  static LabelWindowAggregate of(long negative, long neutral, long positive, double confidence, double entropy) {
    LabelWindowAggregate a = new LabelWindowAggregate();
    add(a, -1, negative, confidence, entropy, null, null);
    add(a, 0, neutral, confidence, entropy, null, null);
    add(a, 1, positive, confidence, entropy, null, null);
    return a;
  }

  static LabelWindowAggregate of(long negative, long neutral, long positive) {
    return of(negative, neutral, positive, 0.8, 0.7);
  }

  /** Adds items of one channel and category (either may be null) to an "all" window. */
  static LabelWindowAggregate add(LabelWindowAggregate a, String channel, String category, long negative,
      long neutral, long positive) {
    add(a, -1, negative, 0.8, 0.7, channel, category);
    add(a, 0, neutral, 0.8, 0.7, channel, category);
    add(a, 1, positive, 0.8, 0.7, channel, category);
    return a;
  }

  private static void add(LabelWindowAggregate a, int label, long count, double confidence, double entropy,
      String channel, String category) {
    for (long i = 0; i < count; i++) {
      a.add(new LabelSample(label, confidence, entropy, 10).withFacets(channel, category));
    }
  }
}
