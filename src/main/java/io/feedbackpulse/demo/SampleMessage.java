package io.feedbackpulse.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One generated channel record: its source id (the Kafka key) and its JSON value. */
record SampleMessage(String sourceId, ObjectNode value) {
}
