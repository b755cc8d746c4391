package io.feedbackpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.inference.Baseline;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.training.DefaultModelTrainer;
import io.feedbackpulse.training.ModelCalibrator;
import io.feedbackpulse.training.TrainingSplits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Calibrates a model directory that is already trained: rebuilds its validation split from the
 * data and seed exactly as `train` drew it, fits the temperature there, and writes calibration.json
 * and the calibrated baseline.json. No weight changes, so no retraining.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Fit a model directory's temperature on its validation split without retraining; write "
        + "calibration.json and baseline.json's model scores into it.",
        "The split is rebuilt from --data with the seed and fractions of config.json's training record "
            + "(the options override them), the way `train` drew it."})
public final class CalibrateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory to calibrate (on disk)")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "The labeled CSV(s) the model was trained on, in the same order")
  List<Path> data;

  @Option(names = "--seed", description = "Default: config.json's training seed, else 20261129") Long seed;
  @Option(names = "--test-fraction", description = "Default: config.json's, else 0.15") Double testFraction;
  @Option(names = "--validation-fraction", description = "Default: config.json's, else 0.1") Double validationFraction;

  @Option(names = "--report-dir", defaultValue = "target/train-report",
      description = "Where the rebuilt held-out test split goes (test-split.csv, as `train` writes it), for "
          + "`evaluate` before and after; default: ${DEFAULT-VALUE}")
  Path reportDir;

  @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "PT5S",
      converter = DurationConverter.class, description = "How often to say on stderr how far scoring has come")
  Duration progressInterval;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isRegularFile(model.resolve("config.json"))) {
      spec.commandLine().getErr().println("calibrate: " + model + " is not a model directory (no config.json)");
      return ExitStatus.USAGE;
    }
    JsonNode training = new ObjectMapper().readTree(model.resolve("config.json").toFile())
        .path("feedback_pulse").path("training");
    long s = seed != null ? seed : training.path("seed").asLong(20261129);
    double test = testFraction != null ? testFraction : training.path("test_fraction").asDouble(0.15);
    double validation = validationFraction != null ? validationFraction
        : training.path("validation_fraction").asDouble(0.1);
    String names = DefaultModelTrainer.dataNames(data);
    if (training.has("data") && !training.get("data").asText().equals(names)) {
      spec.commandLine().getErr().println("calibrate: warning: the model was trained on " + training.get("data")
          + ", not " + names + ": the split drawn from these is not the one it was validated on, and may overlap "
          + "its training data");
    }
    TrainingSplits splits = TrainingSplits.read(data, s, test, validation);
    out.printf("data: validation split of %s: %d texts (seed %d, test fraction %s, validation fraction %s)%n",
        names, splits.validation().size(), s, test, validation);
    Files.createDirectories(reportDir);
    DefaultModelTrainer.writeCsv(reportDir.resolve("test-split.csv"), splits.test());
    out.printf("held-out test split (%d texts) in %s%n", splits.test().size(), reportDir.resolve("test-split.csv"));
    out.flush();
    try (SentimentModel m = SentimentModel.load(ModelSource.of(model.toString()), InferenceOptions.DEFAULT)) {
      out.println(ModelCalibrator.summary(new ModelCalibrator(CommandProgress.of(spec, progressInterval))
          .calibrate(m, model, splits.validation(), "validation split of " + names, labelShares(splits))));
    }
    try (SentimentModel m = SentimentModel.load(ModelSource.of(model.toString()), InferenceOptions.DEFAULT)) {
      out.printf("model %s (%s) now scores at temperature %.4f%n", m.lineage().id(), m.lineage().version(),
          m.calibration().temperature());
    }
    out.flush();
    return 0;
  }

  /** The training data's label shares, keeping the model's test figure: a temperature moves no argmax. */
  private Baseline labelShares(TrainingSplits splits) throws IOException {
    Baseline shares = DefaultModelTrainer.baseline(splits.trainAndValidation(), data);
    Path existing = model.resolve(Baseline.FILE);
    if (!Files.exists(existing)) {
      return shares;
    }
    OptionalDouble test = Baseline.parse(Files.readAllBytes(existing)).testMacroF1();
    return test.isPresent() ? shares.withTestMacroF1(test.getAsDouble()) : shares;
  }
}
