package io.feedbackpulse.models;

import io.feedbackpulse.avro.ModelManifest;

/** A registered version this instance could not fetch, verify or load; it serves what it served before. */
public record Refusal(ModelManifest manifest, String reason) {}
