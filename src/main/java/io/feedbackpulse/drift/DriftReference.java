package io.feedbackpulse.drift;

import java.util.Optional;

/**
 * What one closed window is compared with: label shares, and where known, mean confidence and entropy, and the
 * shares of complaint reasons among alerts.
 */
public record DriftReference(ReferenceDistribution labels, Optional<ConfidenceReference> confidence,
    Optional<ReasonReference> reasons) {

  public DriftReference(ReferenceDistribution labels, Optional<ConfidenceReference> confidence) {
    this(labels, confidence, Optional.empty());
  }
}
