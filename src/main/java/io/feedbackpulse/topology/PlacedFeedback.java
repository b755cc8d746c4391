package io.feedbackpulse.topology;

import io.feedbackpulse.avro.Feedback;

/**
 * An accepted item, and whether it was read from the partition its source id belongs to ({@link IdPartition}):
 * then the task that read it owns its id and checks it for duplicates in place.
 */
record PlacedFeedback(Feedback feedback, boolean inPlace) {}
