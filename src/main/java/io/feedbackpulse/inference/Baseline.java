package io.feedbackpulse.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The label shares of a model's training data ({@code baseline.json}): the default reference
 * distribution for drift.
 */
public record Baseline(double negative, double neutral, double positive, long count, String source) {

  public Baseline {
    double sum = negative + neutral + positive;
    if (negative < 0 || neutral < 0 || positive < 0 || Math.abs(sum - 1) > 1e-6) {
      throw new ModelLoadException("baseline.json: shares must be >= 0 and add up to 1, got "
          + negative + ", " + neutral + ", " + positive);
    }
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
      return new Baseline(shares.path("negative").asDouble(-1), shares.path("neutral").asDouble(-1),
          shares.path("positive").asDouble(-1), root.path("count").asLong(0), root.path("source").asText(""));
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
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
