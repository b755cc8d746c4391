package io.feedbackpulse.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.onnx.Int8Quantization;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the service reads from a model's {@code config.json}: Hugging Face's own keys ({@code
 * id2label}, {@code model_type}, {@code max_position_embeddings}, {@code pad_token_id}) and an
 * optional {@code feedback_pulse} block ({@code max_length}, {@code label_map}, {@code version},
 * {@code model}, {@code tokenizer}, {@code head}, {@code encoder_weights}, {@code quantization}).
 */
public record ModelConfig(
    LabelMapping labels,
    int maxLength,
    long padTokenId,
    String version,
    String modelFile,
    String tokenizerFile,
    Optional<String> headFile,
    Optional<String> encoderWeightsFile,
    Optional<String> quantization) {

  public static final int DEFAULT_MAX_LENGTH = 128;
  private static final Set<String> POSITION_OFFSET_TWO = Set.of("roberta", "xlm-roberta", "camembert");

  public static ModelConfig parse(byte[] json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new ModelLoadException("config.json is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ModelLoadException("config.json must hold a JSON object");
    }
    JsonNode own = root.path("feedback_pulse");
    return new ModelConfig(
        LabelMapping.from(id2label(root), labelMap(own)),
        maxLength(root, own),
        root.path("pad_token_id").asLong(0),
        own.path("version").asText(root.path("_name_or_path").asText("unversioned")),
        own.path("model").asText("model.onnx"),
        own.path("tokenizer").asText("tokenizer.json"),
        optional(own, "head"),
        optional(own, "encoder_weights"),
        quantization(own));
  }

  private static Optional<String> quantization(JsonNode own) {
    Optional<String> scheme = optional(own, "quantization");
    if (scheme.isPresent() && !scheme.get().equals(Int8Quantization.SCHEME)) {
      throw new ModelLoadException("config.json: feedback_pulse.quantization must be " + Int8Quantization.SCHEME
          + " or absent, got '" + scheme.get() + "'");
    }
    return scheme;
  }

  private static Optional<String> optional(JsonNode own, String key) {
    return own.hasNonNull(key) ? Optional.of(own.get(key).asText()) : Optional.empty();
  }

  private static Map<Integer, String> id2label(JsonNode root) {
    Map<Integer, String> out = new HashMap<>();
    root.path("id2label").fields().forEachRemaining(e -> {
      try {
        out.put(Integer.parseInt(e.getKey().trim()), e.getValue().asText());
      } catch (NumberFormatException ex) {
        throw new ModelLoadException("config.json: id2label key '" + e.getKey() + "' is not a class index");
      }
    });
    return out;
  }

  private static Map<String, Integer> labelMap(JsonNode own) {
    Map<String, Integer> out = new HashMap<>();
    own.path("label_map").fields().forEachRemaining(e -> {
      if (!e.getValue().canConvertToInt() || Math.abs(e.getValue().asInt()) > 1) {
        throw new ModelLoadException("config.json: feedback_pulse.label_map." + e.getKey() + " must be -1, 0 or 1");
      }
      out.put(e.getKey(), e.getValue().asInt());
    });
    return out;
  }

  private static int maxLength(JsonNode root, JsonNode own) {
    if (own.has("max_length")) {
      return own.get("max_length").asInt();
    }
    int length = DEFAULT_MAX_LENGTH;
    if (root.has("max_position_embeddings")) {
      String type = root.path("model_type").asText("").toLowerCase(Locale.ROOT);
      int offset = POSITION_OFFSET_TWO.contains(type) ? 2 : 0;
      length = Math.min(length, root.get("max_position_embeddings").asInt() - offset);
    }
    return length;
  }

  /** The same configuration with another window length (a setting may shorten the model's own). */
  public ModelConfig withMaxLength(int newMaxLength) {
    return new ModelConfig(labels, newMaxLength, padTokenId, version, modelFile, tokenizerFile, headFile,
        encoderWeightsFile, quantization);
  }
}
