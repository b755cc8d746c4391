package io.feedbackpulse.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A small feed-forward classifier on pooled encoder states: standardization, then dense layers
 * (ReLU between them), giving one logit per class. Weights are stored in {@code head.json} as
 * base64 little-endian float32, row-major [out][in].
 */
public final class ClassificationHead {

  /** One dense layer: y = W x + b. */
  public record Dense(int in, int out, float[] weights, float[] bias) {
    public Dense {
      if (weights.length != in * out || bias.length != out) {
        throw new IllegalArgumentException("dense layer " + in + "x" + out + " has " + weights.length
            + " weights and " + bias.length + " biases");
      }
    }

    double[] apply(double[] x) {
      double[] y = new double[out];
      for (int o = 0; o < out; o++) {
        double s = bias[o];
        int row = o * in;
        for (int i = 0; i < in; i++) {
          s += weights[row + i] * x[i];
        }
        y[o] = s;
      }
      return y;
    }
  }

  private final Pooling pooling;
  private final float[] featureMean;
  private final float[] featureScale;
  private final List<Dense> layers;

  public ClassificationHead(Pooling pooling, float[] featureMean, float[] featureScale, List<Dense> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a head needs at least one layer");
    }
    if (featureMean.length != layers.get(0).in() || featureScale.length != layers.get(0).in()) {
      throw new IllegalArgumentException("standardization size differs from the first layer's input");
    }
    this.pooling = pooling;
    this.featureMean = featureMean.clone();
    this.featureScale = featureScale.clone();
    this.layers = List.copyOf(layers);
  }

  public Pooling pooling() {
    return pooling;
  }

  /** The standardization's mean of each feature (a copy). */
  public float[] featureMean() {
    return featureMean.clone();
  }

  /** The standardization's scale of each feature (a copy). */
  public float[] featureScale() {
    return featureScale.clone();
  }

  /** The dense layers, input first. */
  public List<Dense> layers() {
    return layers;
  }

  public int featureSize() {
    return layers.get(0).in();
  }

  public int classCount() {
    return layers.get(layers.size() - 1).out();
  }

  public double[] logits(float[] features) {
    double[] x = new double[features.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (features[i] - featureMean[i]) / featureScale[i];
    }
    for (int l = 0; l < layers.size(); l++) {
      x = layers.get(l).apply(x);
      if (l < layers.size() - 1) {
        for (int i = 0; i < x.length; i++) {
          x[i] = Math.max(0, x[i]);
        }
      }
    }
    return x;
  }

  public static ClassificationHead parse(byte[] json) {
    try {
      JsonNode root = new ObjectMapper().readTree(json);
      List<Dense> layers = new ArrayList<>();
      for (JsonNode l : root.path("layers")) {
        layers.add(new Dense(l.get("in").asInt(), l.get("out").asInt(),
            floats(l.get("weights").asText()), floats(l.get("bias").asText())));
      }
      return new ClassificationHead(Pooling.parse(root.path("pooling").asText("mean")),
          floats(root.get("feature_mean").asText()), floats(root.get("feature_scale").asText()), layers);
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException("head file is not a valid classification head: " + e.getMessage(), e);
    }
  }

  public byte[] toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("pooling", pooling.key());
    root.put("feature_mean", base64(featureMean));
    root.put("feature_scale", base64(featureScale));
    ArrayNode array = root.putArray("layers");
    for (Dense d : layers) {
      ObjectNode l = array.addObject();
      l.put("in", d.in());
      l.put("out", d.out());
      l.put("weights", base64(d.weights()));
      l.put("bias", base64(d.bias()));
    }
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static float[] floats(String base64) {
    ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[buffer.remaining() / Float.BYTES];
    buffer.asFloatBuffer().get(out);
    return out;
  }

  private static String base64(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return Base64.getEncoder().encodeToString(buffer.array());
  }
}
