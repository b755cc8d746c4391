package io.feedbackpulse.cli;

import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelLoading;
import io.feedbackpulse.inference.SentimentModel;
import picocli.CommandLine.Option;

/** The {@code --model} option shared by the commands that load a model. */
public final class ModelOption {
  public static final String DEFAULT_MODEL = "classpath:/models/default";

  @Option(names = "--model", paramLabel = "DIR",
      description = "Model directory (model.onnx, tokenizer.json, config.json) or classpath:/...; default: ${DEFAULT-VALUE}",
      defaultValue = DEFAULT_MODEL)
  String location = DEFAULT_MODEL;

  @Option(names = "--batch-size", description = "Most model windows in one ONNX Runtime call; default: ${DEFAULT-VALUE}",
      defaultValue = "8")
  int batchSize = 8;

  public SentimentModel load() {
    return ModelLoading.load(location, InferenceOptions.DEFAULT.withMaxBatchRows(batchSize));
  }
}
