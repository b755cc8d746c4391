package io.feedbackpulse.drift;

import java.util.Optional;

/**
 * What one closed window is compared with: label shares, and where known, mean confidence and entropy.
 */
public record DriftReference(ReferenceDistribution labels, Optional<ConfidenceReference> confidence) {}
