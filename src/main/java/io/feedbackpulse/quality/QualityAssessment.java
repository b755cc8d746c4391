package io.feedbackpulse.quality;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.ModelQuality;
import java.util.Optional;

/** A window's figures after a change, and the quality event they raise, if any. */
record QualityAssessment(ModelQuality quality, Optional<DriftEvent> event) {}
