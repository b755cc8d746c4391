package io.feedbackpulse.drift;

/**
 * The mean confidence and mean prediction entropy a window is compared with.
 *
 * @param name where they come from, e.g. {@code trailing:PT24H}
 * @param meanEntropy in bits
 */
public record ConfidenceReference(String name, double meanConfidence, double meanEntropy) {}
