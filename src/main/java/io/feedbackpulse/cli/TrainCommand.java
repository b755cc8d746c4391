package io.feedbackpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelLineage;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Pooling;
import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.training.BreakdownReport;
import io.feedbackpulse.training.DefaultModelTrainer;
import io.feedbackpulse.training.EncoderFineTuning;
import io.feedbackpulse.training.Evaluation;
import io.feedbackpulse.training.HeadTrainer;
import io.feedbackpulse.training.LabeledExample;
import io.feedbackpulse.training.Progress;
import io.feedbackpulse.training.Splits;
import io.feedbackpulse.training.TrainingException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Rebuilds the default model from its encoder and labeled data, reproducibly. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Rebuild the default model from labeled data; report on a held-out stratified test split per "
        + "source, by source and by domain; fit the temperature on the validation split.",
        "--encoder fine-tune (default, the shipped model) fine-tunes the encoder's top layers and a linear head "
            + "in a Python step (python3 with torch and onnx); --encoder frozen trains a head on the frozen "
            + "encoder in Java."})
public final class TrainCommand implements Callable<Integer> {
  /** How the encoder takes part in training. */
  enum Encoder { FINE_TUNE, FROZEN }

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Labeled CSV (the shared reviews' columns, or text,label with optional domain,source); "
          + "repeat for several: each source gets its own stratified test and validation split")
  List<Path> data;

  @Option(names = "--out", required = true,
      description = "Model directory to write (config.json, head.json, calibration.json, baseline.json, "
          + "encoder-weights.safetensors)")
  Path out;

  @Option(names = "--encoder", defaultValue = "fine-tune", converter = EncoderConverter.class,
      description = "fine-tune or frozen; default: ${DEFAULT-VALUE}")
  Encoder encoder;

  @Option(names = "--report-dir", defaultValue = "target/train-report",
      description = "Where the held-out split and the report go; default: ${DEFAULT-VALUE}")
  Path reportDir;

  @Option(names = "--work-dir", defaultValue = "target/train-work",
      description = "Scratch space: frozen-encoder feature cache, fine-tuning inputs; default: ${DEFAULT-VALUE}")
  Path workDir;

  @Option(names = "--seed", defaultValue = "20261129",
      description = "Seed of the splits, the sampling and the initial weights; default: ${DEFAULT-VALUE}")
  long seed;
  @Option(names = "--test-fraction", defaultValue = "0.15",
      description = "Share of the data held out for the test report (stratified); default: ${DEFAULT-VALUE}")
  double testFraction;
  @Option(names = "--validation-fraction", defaultValue = "0.1",
      description = "Share of the rest used to pick the best epoch; default: ${DEFAULT-VALUE}")
  double validationFraction;
  @Option(names = "--pooling", description = "cls, mean or cls+mean; default cls (fine-tune), cls+mean (frozen)")
  String pooling;
  @Option(names = "--epochs", description = "Default 4 (fine-tune), 40 (frozen); the best on validation is kept")
  Integer epochs;
  @Option(names = "--batch", description = "Default 32 (fine-tune), 64 (frozen)") Integer batch;
  @Option(names = "--learning-rate", description = "Default 4e-5 for the encoder layers (fine-tune), 5e-4 (frozen)")
  Double learningRate;

  @Option(names = "--top-layers", defaultValue = "4", description = "fine-tune: layers fine-tuned; default: ${DEFAULT-VALUE}")
  int topLayers;
  @Option(names = "--head-learning-rate", defaultValue = "0.001", description = "fine-tune: the head's learning rate")
  double headLearningRate;
  @Option(names = "--python", defaultValue = "/usr/bin/python3",
      description = "fine-tune: a Python with torch and onnx; default: ${DEFAULT-VALUE} (Debian's)")
  String python;

  @Option(names = "--hidden", defaultValue = "0", description = "frozen: hidden units; 0 for softmax regression")
  int hidden;
  @Option(names = "--weight-decay", defaultValue = "0.003", description = "frozen: weight decay") double weightDecay;
  @Option(names = "--dropout", defaultValue = "0", description = "frozen: dropout") double dropout;
  @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
      description = "ONNX Runtime intra-op threads of the encoder's feature pass (frozen) and of the written model "
          + "while it is calibrated and quantized; default: ${DEFAULT-VALUE}")
  int threads;

  // Not --version: that is picocli's standard option, which prints the program's version.
  @Option(names = "--model-version", paramLabel = "VERSION", description = "Version string written into the model's "
      + "config.json; default bge-small-en-v1.5+top<k>-fine-tuned-2 (fine-tune), " + FROZEN_VERSION + " (frozen)")
  String modelVersion;

  @Option(names = "--json", description = "End with one JSON line of the held-out figures (also in report.json)")
  boolean json;

  @Option(names = "--validation-only", description = "Report the validation figure only; leave --out alone")
  boolean validationOnly;

  @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "PT5S",
      converter = DurationConverter.class,
      description = "How often to say on stderr how far encoding and the test report have come; 0 after every "
          + "step; default: ${DEFAULT-VALUE} (the fine-tuning step reports each epoch's batches itself)")
  Duration progressInterval;

  static final String FROZEN_VERSION = "bge-small-en-v1.5+linear-head-1";

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (threads < 1) {
      spec.commandLine().getErr().println("train: --threads must be at least 1, got " + threads);
      return ExitStatus.USAGE;
    }
    PrintWriter printer = spec.commandLine().getOut();
    Progress progress = CommandProgress.of(spec, progressInterval);
    DefaultModelTrainer.TrainingOptions settings = new DefaultModelTrainer.TrainingOptions(data, out, reportDir,
        workDir.resolve("feature-cache"), seed, testFraction, validationFraction, method(),
        modelVersion != null ? modelVersion : encoder == Encoder.FROZEN ? FROZEN_VERSION
            : "bge-small-en-v1.5+top" + topLayers + "-fine-tuned-2",
        InferenceOptions.DEFAULT.withIntraOpThreads(threads));
    List<LabeledExample> test;
    double testMacroF1;
    try {
      test = new DefaultModelTrainer(settings, System.out, progress).run(!validationOnly);
    } catch (TrainingException e) {
      spec.commandLine().getErr().println("train: " + e.getMessage());
      return 1;
    }
    if (validationOnly) {
      return 0;
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    StringBuilder text = new StringBuilder();
    try (SentimentModel model = SentimentModel.load(ModelSource.of(out.toString()), InferenceOptions.DEFAULT)) {
      List<Prediction> predictions = new Evaluation(model, progress).predict(test);
      Map<LabeledExample, Prediction> byExample = new IdentityHashMap<>();
      for (int i = 0; i < test.size(); i++) {
        byExample.put(test.get(i), predictions.get(i));
      }
      List<LabeledExample> balancedSample = Splits.balanced(new ArrayList<>(test), LabeledExample::label, seed);
      Evaluation.Report natural = Evaluation.Report.of(test, predictions);
      Evaluation.Report balanced = Evaluation.Report.of(balancedSample,
          balancedSample.stream().map(byExample::get).toList());
      BreakdownReport breakdown = BreakdownReport.of(test, predictions);
      text.append("held-out test split, natural class mix:\n").append(natural.toText())
          .append("held-out test split, balanced (equal count per class, seed ").append(seed).append("):\n")
          .append(balanced.toText()).append(breakdown.toText());
      figures.put("model_id", model.lineage().id());
      figures.put("model_version", model.lineage().version());
      figures.put("temperature", model.calibration().temperature());
      figures.put("natural", withCalibration(natural));
      figures.put("balanced", withCalibration(balanced));
      figures.putAll(breakdown.toMap());
      testMacroF1 = natural.classification().macroF1();
    }
    // Live quality (model.quality) is compared with this figure: traffic has a natural class mix, not a balanced one.
    DefaultModelTrainer.recordTestMacroF1(out, testMacroF1);
    // baseline.json counts in the model id, so the id is the written directory's, not the one evaluated above
    figures.put("model_id", ModelLineage.identify(ModelSource.of(out.toString())).id());
    printer.print(text);
    Files.createDirectories(reportDir);
    Files.writeString(reportDir.resolve("report.txt"), text);
    String line = new ObjectMapper().writeValueAsString(figures);
    Files.writeString(reportDir.resolve("report.json"), line + "\n");
    printer.println("model written to " + out.toAbsolutePath() + "; held-out split in "
        + reportDir.resolve("test-split.csv") + ", figures in " + reportDir.resolve("report.json"));
    if (json) {
      printer.println(line);
    }
    printer.flush();
    return 0;
  }

  private DefaultModelTrainer.Method method() {
    if (encoder == Encoder.FROZEN) {
      HeadTrainer.HeadTrainingOptions head = new HeadTrainer.HeadTrainingOptions(hidden, or(epochs, 40), or(batch, 64),
          or(learningRate, 5e-4), weightDecay, dropout, seed);
      return new DefaultModelTrainer.FrozenEncoder(Pooling.parse(or(pooling, "cls+mean")), head);
    }
    return new DefaultModelTrainer.FineTunedEncoder(new EncoderFineTuning.FineTuningOptions(topLayers, or(epochs, 4),
        or(learningRate, 4e-5), headLearningRate, or(batch, 32), Pooling.parse(or(pooling, "cls")), seed, python,
        workDir.resolve("fine-tuning")));
  }

  private static Map<String, Object> withCalibration(Evaluation.Report report) {
    Map<String, Object> out = new LinkedHashMap<>(report.classification().toMap());
    out.put("balanced_macro_f1", Math.round(report.classification().balancedMacroF1() * 10000) / 10000.0);
    out.put("calibration", report.calibration().toMap());
    return out;
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  /** Accepts fine-tune / frozen. */
  static final class EncoderConverter implements picocli.CommandLine.ITypeConverter<Encoder> {
    @Override
    public Encoder convert(String value) {
      return Encoder.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }
}
