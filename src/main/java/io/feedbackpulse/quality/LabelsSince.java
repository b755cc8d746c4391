package io.feedbackpulse.quality;

import java.util.Set;

/** The labelled items that reached the live quality figures since this was opened, per model. */
public interface LabelsSince extends AutoCloseable {
  /**
   * The confusion matrix, on channel {@code all}, of the items that models with these ids scored and whose label
   * arrived since this was opened.
   */
  Confusion of(Set<String> modelIds);

  @Override
  void close();
}
