package io.feedbackpulse.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A model's reference for drift ({@code baseline.json}): the label shares of its training data and,
 * when {@code train} wrote them, how the model itself scores held-back data of the same kind (its
 * predicted label shares, mean confidence and entropy). Windows count the model's predicted labels,
 * so the predicted shares are the like-for-like label reference where they exist. {@code test.macro_f1}, when
 * present, is the model's macro-F1 on its held-out test split: live quality is compared with it.
 */
public record Baseline(double negative, double neutral, double positive, long count, String source,
    Optional<ModelScores> modelScores, OptionalDouble testMacroF1) {
  public static final String FILE = "baseline.json";

  /**
   * The model's predictions over {@code count} texts of {@code source}: label shares (negative,
   * neutral, positive), mean top-class probability and mean entropy in bits.
   */
  public record ModelScores(double[] shares, double meanConfidence, double meanEntropyBits, long count,
      String source) {
    public ModelScores {
      shares = shares.clone();
      checkShares(shares);
      if (!(meanConfidence >= 0 && meanConfidence <= 1) || !(meanEntropyBits >= 0) || count <= 0) {
        throw new ModelLoadException("baseline.json: model_scores needs a mean confidence in [0, 1], a mean "
            + "entropy >= 0 and a count > 0, got " + meanConfidence + ", " + meanEntropyBits + ", " + count);
      }
    }

    @Override
    public double[] shares() {
      return shares.clone();
    }

    /** The shares and averages of the predictions. */
    public static ModelScores of(List<Prediction> predictions, String source) {
      double[] shares = new double[3];
      double confidence = 0;
      double entropy = 0;
      for (Prediction p : predictions) {
        shares[p.label().index()]++;
        confidence += p.confidence();
        entropy += p.entropyBits();
      }
      int n = predictions.size();
      for (int i = 0; i < shares.length; i++) {
        shares[i] /= n;
      }
      return new ModelScores(shares, confidence / n, entropy / n, n, source);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ModelScores m && Arrays.equals(shares, m.shares)
          && meanConfidence == m.meanConfidence && meanEntropyBits == m.meanEntropyBits && count == m.count
          && source.equals(m.source);
    }

    @Override
    public int hashCode() {
      return Objects.hash(Arrays.hashCode(shares), meanConfidence, meanEntropyBits, count, source);
    }
  }

  public Baseline {
    checkShares(new double[] {negative, neutral, positive});
  }

  public Baseline(double negative, double neutral, double positive, long count, String source) {
    this(negative, neutral, positive, count, source, Optional.empty(), OptionalDouble.empty());
  }

  public Baseline(double negative, double neutral, double positive, long count, String source,
      Optional<ModelScores> modelScores) {
    this(negative, neutral, positive, count, source, modelScores, OptionalDouble.empty());
  }

  public Baseline withTestMacroF1(double macroF1) {
    return new Baseline(negative, neutral, positive, count, source, modelScores, OptionalDouble.of(macroF1));
  }

  private static void checkShares(double[] shares) {
    if (shares.length != 3) {
      throw new ModelLoadException("baseline.json: shares must name negative, neutral and positive");
    }
    double sum = shares[0] + shares[1] + shares[2];
    if (shares[0] < 0 || shares[1] < 0 || shares[2] < 0 || Math.abs(sum - 1) > 1e-6) {
      throw new ModelLoadException("baseline.json: shares must be >= 0 and add up to 1, got "
          + shares[0] + ", " + shares[1] + ", " + shares[2]);
    }
  }

  public Baseline withModelScores(ModelScores scores) {
    return new Baseline(negative, neutral, positive, count, source, Optional.of(scores), testMacroF1);
  }

  /** The label shares windows are compared with: the model's predicted shares where known. */
  public double[] referenceShares() {
    return modelScores.map(ModelScores::shares).orElseGet(this::shares);
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
      JsonNode m = root.path("model_scores");
      Optional<ModelScores> scores = m.isObject()
          ? Optional.of(new ModelScores(new double[] {m.path("shares").path("negative").asDouble(-1),
              m.path("shares").path("neutral").asDouble(-1), m.path("shares").path("positive").asDouble(-1)},
              m.path("mean_confidence").asDouble(-1), m.path("mean_entropy_bits").asDouble(-1),
              m.path("count").asLong(0), m.path("source").asText("")))
          : Optional.empty();
      JsonNode testF1 = root.path("test").path("macro_f1");
      if (!testF1.isMissingNode() && !(testF1.isNumber() && testF1.asDouble() >= 0 && testF1.asDouble() <= 1)) {
        throw new ModelLoadException("baseline.json: test.macro_f1 must be a number in [0, 1], got " + testF1);
      }
      return new Baseline(shares.path("negative").asDouble(-1), shares.path("neutral").asDouble(-1),
          shares.path("positive").asDouble(-1), root.path("count").asLong(0), root.path("source").asText(""),
          scores, testF1.isNumber() ? OptionalDouble.of(testF1.asDouble()) : OptionalDouble.empty());
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
    modelScores.ifPresent(m -> {
      ObjectNode node = root.putObject("model_scores");
      ObjectNode predicted = node.putObject("shares");
      predicted.put("negative", m.shares[0]);
      predicted.put("neutral", m.shares[1]);
      predicted.put("positive", m.shares[2]);
      node.put("mean_confidence", m.meanConfidence());
      node.put("mean_entropy_bits", m.meanEntropyBits());
      node.put("count", m.count());
      node.put("source", m.source());
    });
    testMacroF1.ifPresent(f1 -> root.putObject("test").put("macro_f1", f1));
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
