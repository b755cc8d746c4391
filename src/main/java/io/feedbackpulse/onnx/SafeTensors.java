package io.feedbackpulse.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a safetensors file (Hugging Face's format: an 8-byte little-endian header length, a JSON
 * header naming each tensor's dtype, shape and byte range, then the raw data) into float32
 * tensors. F32 and F16 tensors are accepted; F16 values are widened exactly.
 */
public final class SafeTensors {
  private SafeTensors() {}

  /** One tensor: its shape and its values, row-major. */
  public record Tensor(long[] shape, float[] values) {
    public Tensor {
      if (Arrays.stream(shape).reduce(1, Math::multiplyExact) != values.length) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + values.length
            + " values");
      }
    }
  }

  /** The file's tensors by name, in header order; {@code fileName} only names the file in errors. */
  public static Map<String, Tensor> read(byte[] file, String fileName) {
    ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    if (file.length < 8) {
      throw invalid(fileName, "shorter than its 8-byte header length");
    }
    long headerLength = buffer.getLong(0);
    if (headerLength <= 0 || headerLength > file.length - 8) {
      throw invalid(fileName, "header length " + headerLength + " does not fit a file of " + file.length + " bytes");
    }
    JsonNode header;
    try {
      header = new ObjectMapper().readTree(new String(file, 8, (int) headerLength,
          StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw invalid(fileName, "header is not JSON: " + e.getMessage());
    }
    int dataStart = 8 + (int) headerLength;
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().equals("__metadata__")) {
        continue;
      }
      tensors.put(entry.getKey(), tensor(buffer, dataStart, entry.getKey(), entry.getValue(), fileName));
    }
    return tensors;
  }

  private static Tensor tensor(ByteBuffer buffer, int dataStart, String name, JsonNode spec, String fileName) {
    String dtype = spec.path("dtype").asText();
    int width = switch (dtype) {
      case "F32" -> 4;
      case "F16" -> 2;
      default -> throw invalid(fileName, "tensor '" + name + "' has dtype " + dtype + "; only F32 and F16 are read");
    };
    long[] shape = new long[spec.path("shape").size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = spec.path("shape").get(i).asLong();
    }
    long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    long begin = spec.path("data_offsets").path(0).asLong(-1);
    long end = spec.path("data_offsets").path(1).asLong(-1);
    if (begin < 0 || end - begin != count * width || dataStart + end > buffer.capacity()) {
      throw invalid(fileName, "tensor '" + name + "' has byte range [" + begin + ", " + end + ") that does not hold "
          + count + " " + dtype + " values inside the file");
    }
    float[] values = new float[(int) count];
    int at = dataStart + (int) begin;
    for (int i = 0; i < values.length; i++) {
      values[i] = width == 4 ? buffer.getFloat(at + 4 * i) : halfToFloat(buffer.getShort(at + 2 * i));
    }
    return new Tensor(shape, values);
  }

  /** IEEE 754 binary16 to float32 (exact: every half value is a float value). */
  static float halfToFloat(short half) {
    int bits = half & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  private static ModelFileException invalid(String fileName, String problem) {
    return new ModelFileException(fileName + " is not a valid safetensors file: " + problem);
  }
}
