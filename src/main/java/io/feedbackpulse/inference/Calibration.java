package io.feedbackpulse.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Temperature scaling of a model's logits ({@code calibration.json} in the model directory):
 * probabilities are softmax(logits / T). A directory without the file (a plain Hugging Face export)
 * scores with T = 1. Alert thresholds and drift read probabilities, so a fitted T makes a stated
 * 0.9 mean right about nine times in ten on data like the validation split.
 *
 * @param temperature T, greater than 0
 * @param fittedOn what T was fitted on (for people; not read back by the service)
 * @param count texts it was fitted on, 0 when unknown
 * @param nllBefore mean negative log-likelihood there at T = 1, NaN when unknown
 * @param nllAfter the same at T
 */
public record Calibration(double temperature, String fittedOn, long count, double nllBefore, double nllAfter) {
  public static final String FILE = "calibration.json";
  public static final Calibration NONE = new Calibration(1.0, "none", 0, Double.NaN, Double.NaN);

  public Calibration {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new ModelLoadException(FILE + ": temperature must be a finite number above 0, got " + temperature);
    }
  }

  /** Class probabilities of one window's logits at this temperature. */
  public double[] probabilities(double[] logits) {
    double[] scaled = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      scaled[i] = logits[i] / temperature;
    }
    return Softmax.of(scaled);
  }

  public static Calibration parse(byte[] json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new ModelLoadException(FILE + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("temperature").isNumber()) {
      throw new ModelLoadException(FILE + " must hold an object with a numeric \"temperature\"");
    }
    String method = root.path("method").asText("temperature");
    if (!method.equals("temperature")) {
      throw new ModelLoadException(FILE + ": unknown method '" + method + "' (only \"temperature\" is known)");
    }
    return new Calibration(root.get("temperature").asDouble(), root.path("fitted_on").asText(""),
        root.path("count").asLong(0), root.path("nll_before").asDouble(Double.NaN),
        root.path("nll_after").asDouble(Double.NaN));
  }

  public byte[] toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("method", "temperature");
    root.put("temperature", temperature);
    root.put("fitted_on", fittedOn);
    root.put("count", count);
    if (!Double.isNaN(nllBefore)) {
      root.put("nll_before", nllBefore);
    }
    if (!Double.isNaN(nllAfter)) {
      root.put("nll_after", nllAfter);
    }
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
