package io.feedbackpulse.drift;

/** What a label window needs of one scored item. */
public record LabelSample(int label, double confidence, double entropyBits, int tokenCount) {}
