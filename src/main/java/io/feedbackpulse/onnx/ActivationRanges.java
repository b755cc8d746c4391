package io.feedbackpulse.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The range of each activation a quantized graph feeds to a product by a weight, measured on calibration texts:
 * what {@code quantization.json} in a model directory holds. Each range becomes a fixed uint8 scale and zero
 * point.
 */
public record ActivationRanges(Map<String, Range> ranges, ObjectNode calibration) {
  public static final String FILE = "quantization.json";
  public static final ActivationRanges NONE = new ActivationRanges(Map.of(), new ObjectMapper().createObjectNode());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An activation's range, widened to hold 0 so that zero, the padding value, is exact. */
  public record Range(float min, float max) {
    public Range {
      if (!(min <= max) || !Float.isFinite(min) || !Float.isFinite(max)) {
        throw new IllegalArgumentException("an activation range must be finite with min <= max, got [" + min + ", "
            + max + "]");
      }
      min = Math.min(min, 0f);
      max = Math.max(max, 0f);
    }

    float scale() {
      float scale = (max - min) / 255f;
      return scale > 0 ? scale : 1f;
    }

    int zeroPoint() {
      return Math.max(0, Math.min(255, Math.round(-min / scale())));
    }
  }

  public Optional<Range> of(String activation) {
    return Optional.ofNullable(ranges.get(activation));
  }

  /** Names the ranges, so a quantized graph of other ranges is cached apart. */
  String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(toJson());
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ActivationRanges parse(byte[] json) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !Int8Quantization.SCHEME.equals(root.path("scheme").asText())) {
        throw new ModelFileException(FILE + " must say \"scheme\": \"" + Int8Quantization.SCHEME + "\"");
      }
      Map<String, Range> ranges = new LinkedHashMap<>();
      root.path("activations").fields().forEachRemaining(e -> {
        JsonNode r = e.getValue();
        if (!r.isArray() || r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber()) {
          throw new ModelFileException(FILE + ": activation '" + e.getKey() + "' must be [min, max]");
        }
        try {
          ranges.put(e.getKey(), new Range(r.get(0).floatValue(), r.get(1).floatValue()));
        } catch (IllegalArgumentException ex) {
          throw new ModelFileException(FILE + ": activation '" + e.getKey() + "': " + ex.getMessage());
        }
      });
      if (ranges.isEmpty()) {
        throw new ModelFileException(FILE + " names no activation ranges");
      }
      JsonNode calibration = root.path("calibration");
      return new ActivationRanges(ranges,
          calibration.isObject() ? (ObjectNode) calibration : JSON.createObjectNode());
    } catch (IOException e) {
      throw new ModelFileException(FILE + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("scheme", Int8Quantization.SCHEME);
    root.set("calibration", calibration);
    ObjectNode activations = root.putObject("activations");
    ranges.forEach((name, r) -> activations.putArray(name).add(r.min()).add(r.max()));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).concat("\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
