package io.feedbackpulse.drift;

/**
 * The label shares a window is compared with.
 *
 * @param name what it is, e.g. {@code baseline:sha256:...}
 * @param shares negative, neutral, positive
 */
public record ReferenceDistribution(String name, double[] shares) {
  public ReferenceDistribution {
    shares = shares.clone();
  }

  @Override
  public double[] shares() {
    return shares.clone();
  }
}
