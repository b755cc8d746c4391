package io.feedbackpulse.topology;

import io.feedbackpulse.avro.ScoredFeedback;
import org.apache.kafka.common.header.Headers;

/** A scored item on its way to the alert stages, held until its explanation and reasons are given. */
record PendingAlert(String key, ScoredFeedback scored, long timestamp, Headers headers) {}
