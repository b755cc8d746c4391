package io.feedbackpulse.drift;

import java.util.Optional;

/** What the serving model's baseline offers as a drift reference: label shares, and confidence where known. */
public record BaselineReference(ReferenceDistribution labels, Optional<ConfidenceReference> confidence) {
}
