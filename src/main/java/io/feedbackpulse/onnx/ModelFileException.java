package io.feedbackpulse.onnx;

/**
 * A model file (graph, fine-tuned weights, activation ranges) that cannot be used; the message names the file and
 * the problem. The service's {@code ModelFileException} is one too, so a caller catches both as this.
 */
public class ModelFileException extends RuntimeException {
  public ModelFileException(String message) {
    super(message);
  }

  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
