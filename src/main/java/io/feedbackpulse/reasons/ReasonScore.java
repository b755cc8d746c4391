package io.feedbackpulse.reasons;

/** How well one reason fits a text: a cosine of bge embeddings, rounded to 4 decimals. */
public record ReasonScore(String name, double score) {}
