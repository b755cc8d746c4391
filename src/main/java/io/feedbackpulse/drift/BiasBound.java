package io.feedbackpulse.drift;

import io.feedbackpulse.config.Settings;

/**
 * When a facet's negative share differs too much from the rest of its window.
 *
 * @param dppl largest absolute difference of negative shares tolerated
 * @param minItems least items of the facet, and of its rest, for a bias event
 */
public record BiasBound(double dppl, long minItems) {

  public static BiasBound from(Settings s) {
    return new BiasBound(s.decimal("bias.dppl-bound"), s.integer("bias.min-items"));
  }
}
