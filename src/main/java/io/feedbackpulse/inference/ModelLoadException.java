package io.feedbackpulse.inference;

import io.feedbackpulse.onnx.ModelFileException;

/** A model directory that cannot be used; the message names the file and the problem. */
public class ModelLoadException extends ModelFileException {
  public ModelLoadException(String message) {
    super(message);
  }

  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
