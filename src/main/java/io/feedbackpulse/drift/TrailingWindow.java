package io.feedbackpulse.drift;

/** What the trailing reference keeps of one closed window of one channel (times in epoch millis). */
public record TrailingWindow(long start, long end, long negative, long neutral, long positive,
    double confidenceSum, double entropySum) {

  public static TrailingWindow of(long start, long end, LabelWindowAggregate a) {
    return new TrailingWindow(start, end, a.negative, a.neutral, a.positive, a.confidenceSum, a.entropySum);
  }

  public long total() {
    return negative + neutral + positive;
  }
}
