package io.feedbackpulse.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * The label shares of a model's training data ({@code baseline.json}): the default reference
 * distribution for drift; and, when {@code train} wrote it, how confident the model is on held-back
 * data of the same kind: the reference for confidence drift from the first window on.
 */
public record Baseline(double negative, double neutral, double positive, long count, String source,
    Optional<Confidence> confidence) {

  /**
   * The model's mean top-class probability and mean prediction entropy (bits) over {@code count}
   * texts of {@code source}.
   */
  public record Confidence(double mean, double meanEntropyBits, long count, String source) {
    public Confidence {
      if (!(mean >= 0 && mean <= 1) || !(meanEntropyBits >= 0) || count <= 0) {
        throw new ModelLoadException("baseline.json: confidence needs a mean in [0, 1], a mean entropy >= 0 and a "
            + "count > 0, got " + mean + ", " + meanEntropyBits + ", " + count);
      }
    }

    /** The averages of the predictions' confidence and entropy. */
    public static Confidence of(java.util.List<Prediction> predictions, String source) {
      double confidence = 0;
      double entropy = 0;
      for (Prediction p : predictions) {
        confidence += p.confidence();
        entropy += p.entropyBits();
      }
      int n = predictions.size();
      return new Confidence(confidence / n, entropy / n, n, source);
    }
  }

  public Baseline {
    double sum = negative + neutral + positive;
    if (negative < 0 || neutral < 0 || positive < 0 || Math.abs(sum - 1) > 1e-6) {
      throw new ModelLoadException("baseline.json: shares must be >= 0 and add up to 1, got "
          + negative + ", " + neutral + ", " + positive);
    }
  }

  public Baseline(double negative, double neutral, double positive, long count, String source) {
    this(negative, neutral, positive, count, source, Optional.empty());
  }

  public Baseline withConfidence(Confidence measured) {
    return new Baseline(negative, neutral, positive, count, source, Optional.of(measured));
  }

  public double[] shares() {
    return new double[] {negative, neutral, positive};
  }

  public static Baseline fromCounts(long negative, long neutral, long positive, String source) {
    double n = negative + neutral + positive;
    return new Baseline(negative / n, neutral / n, positive / n, (long) n, source);
  }

  public static Baseline parse(byte[] json) {
    try {
      JsonNode root = new ObjectMapper().readTree(json);
      JsonNode shares = root.path("shares");
      JsonNode c = root.path("confidence");
      Optional<Confidence> confidence = c.isObject()
          ? Optional.of(new Confidence(c.path("mean").asDouble(-1), c.path("mean_entropy_bits").asDouble(-1),
              c.path("count").asLong(0), c.path("source").asText("")))
          : Optional.empty();
      return new Baseline(shares.path("negative").asDouble(-1), shares.path("neutral").asDouble(-1),
          shares.path("positive").asDouble(-1), root.path("count").asLong(0), root.path("source").asText(""),
          confidence);
    } catch (IOException e) {
      throw new ModelLoadException("baseline.json is not valid JSON: " + e.getMessage(), e);
    }
  }

  public byte[] toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ObjectNode s = root.putObject("shares");
    s.put("negative", negative);
    s.put("neutral", neutral);
    s.put("positive", positive);
    root.put("count", count);
    root.put("source", source);
    confidence.ifPresent(c -> {
      ObjectNode node = root.putObject("confidence");
      node.put("mean", c.mean());
      node.put("mean_entropy_bits", c.meanEntropyBits());
      node.put("count", c.count());
      node.put("source", c.source());
    });
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
