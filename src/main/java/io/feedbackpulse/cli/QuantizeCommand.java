package io.feedbackpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.onnx.ActivationRanges;
import io.feedbackpulse.onnx.Int8Quantization;
import io.feedbackpulse.training.DefaultModelTrainer;
import io.feedbackpulse.training.ModelQuantizer;
import io.feedbackpulse.training.TrainingSplits;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Quantizes a trained model directory to int8: measures its activation ranges on a sample of its validation
 * split (rebuilt from the data and seed as `train` drew it), writes them to quantization.json and marks
 * config.json, then compares the quantized model with the fp32 one on that sample.
 */
@Command(name = "quantize", mixinStandardHelpOptions = true,
    description = {"Quantize a model directory's weight products to int8 with activation ranges measured on "
        + "its validation split; write quantization.json and mark config.json (run it in fp32 with "
        + "model.quantization=none).",
        "The split is rebuilt from --data with the seed and fractions of config.json's training record, the way "
            + "`train` drew it; the held-out test split is never read."})
public final class QuantizeCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (on disk)")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "The labeled CSV(s) the model was trained on, in the same order")
  List<Path> data;

  @Option(names = "--texts", defaultValue = "" + ModelQuantizer.DEFAULT_TEXTS,
      description = "Validation texts to measure ranges on (a seeded sample); default: ${DEFAULT-VALUE}")
  int texts;

  @Option(names = "--seed", description = "Default: config.json's training seed, else 20261129") Long seed;

  @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "PT5S",
      converter = DurationConverter.class, description = "How often to say on stderr how far it has come")
  Duration progressInterval;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path configFile = model.resolve("config.json");
    if (!Files.isRegularFile(configFile)) {
      spec.commandLine().getErr().println("quantize: " + model + " is not a model directory (no config.json)");
      return ExitStatus.USAGE;
    }
    JsonNode training = new ObjectMapper().readTree(configFile.toFile()).path("feedback_pulse").path("training");
    long s = seed != null ? seed : training.path("seed").asLong(20261129);
    TrainingSplits splits = TrainingSplits.read(data, s, training.path("test_fraction").asDouble(0.15),
        training.path("validation_fraction").asDouble(0.1));
    String names = DefaultModelTrainer.dataNames(data);
    out.printf("calibration: %d texts of the validation split of %s (seed %d)%n",
        Math.min(texts, splits.validation().size()), names, s);
    out.flush();
    ModelQuantizer.Result result = new ModelQuantizer(CommandProgress.of(spec, progressInterval))
        .quantize(model, splits.validation(), s, texts, names);
    List<String> sample = result.texts();
    List<Prediction> before;
    try (SentimentModel m = SentimentModel.load(ModelSource.of(model.toString()),
        InferenceOptions.DEFAULT.withoutQuantization())) {
      before = m.predict(sample);
    }
    out.printf("wrote %s (%d activation ranges) and marked config.json %s%n", model.resolve(ActivationRanges.FILE),
        result.ranges().ranges().size(), Int8Quantization.SCHEME);
    try (SentimentModel m = SentimentModel.load(ModelSource.of(model.toString()), InferenceOptions.DEFAULT)) {
      List<Prediction> after = m.predict(sample);
      int same = 0;
      double maxDiff = 0;
      for (int i = 0; i < after.size(); i++) {
        same += after.get(i).label() == before.get(i).label() ? 1 : 0;
        for (Sentiment c : Sentiment.values()) {
          maxDiff = Math.max(maxDiff, Math.abs(after.get(i).probability(c) - before.get(i).probability(c)));
        }
      }
      out.printf("int8 model %s (%s) agrees with fp32 on %d of %d calibration texts; largest probability change "
          + "%.4f%n", m.lineage().id(), m.lineage().version(), same, after.size(), maxDiff);
    }
    out.flush();
    return 0;
  }
}
