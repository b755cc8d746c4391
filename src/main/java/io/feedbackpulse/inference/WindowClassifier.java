package io.feedbackpulse.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Class logits for token windows: straight from a graph's {@code logits} output, or from an
 * encoder's token states through pooling and a {@link ClassificationHead}.
 */
public final class WindowClassifier {
  private static final String LOGITS = "logits";
  private static final String HIDDEN_STATES = "last_hidden_state";

  private final OnnxGraph graph;
  private final ClassificationHead head;

  private WindowClassifier(OnnxGraph graph, ClassificationHead head) {
    this.graph = graph;
    this.head = head;
  }

  public static WindowClassifier ofLogits(OnnxGraph graph) {
    return new WindowClassifier(graph, null);
  }

  public static WindowClassifier ofEncoderAndHead(OnnxGraph graph, ClassificationHead head) {
    return new WindowClassifier(graph, head);
  }

  public List<double[]> logits(List<long[]> rows) {
    if (head == null) {
      OnnxGraph.Output out = graph.run(rows, LOGITS);
      if (out.shape().length != 2 || out.shape()[0] != rows.size()) {
        throw new ModelLoadException("model.onnx: output logits must have shape [batch, classes], got "
            + Arrays.toString(out.shape()));
      }
      int classes = (int) out.shape()[1];
      List<double[]> result = new ArrayList<>(rows.size());
      for (int b = 0; b < rows.size(); b++) {
        double[] row = new double[classes];
        for (int c = 0; c < classes; c++) {
          row[c] = out.values()[b * classes + c];
        }
        result.add(row);
      }
      return result;
    }
    List<float[]> features = features(rows, head.pooling());
    return features.stream().map(head::logits).toList();
  }

  /** Pooled token states of each row (the head's input before standardization). */
  public List<float[]> features(List<long[]> rows, Pooling pooling) {
    OnnxGraph.Output out = graph.run(rows, HIDDEN_STATES);
    long[] shape = out.shape();
    if (shape.length != 3) {
      throw new ModelLoadException("encoder output last_hidden_state must have shape [batch, tokens, hidden], got "
          + Arrays.toString(shape));
    }
    int length = (int) shape[1];
    int hidden = (int) shape[2];
    List<float[]> result = new ArrayList<>(rows.size());
    for (int b = 0; b < rows.size(); b++) {
      result.add(pooling.pool(out.values(), b, length, hidden, rows.get(b).length));
    }
    return result;
  }
}
