package io.feedbackpulse.cli;

import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Pooling;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.training.DefaultModelTrainer;
import io.feedbackpulse.training.Evaluation;
import io.feedbackpulse.training.HeadTrainer;
import io.feedbackpulse.training.LabeledExample;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Rebuilds the default model from its encoder and labeled data, reproducibly. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the default model's head on labeled reviews; report on a held-out stratified test split.")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "Labeled CSV (the shared reviews' columns, or text,label)")
  Path data;

  @Option(names = "--out", required = true, description = "Model directory to write (config.json, head.json, baseline.json)")
  Path out;

  @Option(names = "--report-dir", defaultValue = "target/train-report",
      description = "Where the held-out split and the report go; default: ${DEFAULT-VALUE}")
  Path reportDir;

  @Option(names = "--cache-dir", defaultValue = "target/feature-cache",
      description = "Encoder feature cache; default: ${DEFAULT-VALUE}")
  Path cacheDir;

  @Option(names = "--seed", defaultValue = "20261129") long seed;
  @Option(names = "--test-fraction", defaultValue = "0.15") double testFraction;
  @Option(names = "--validation-fraction", defaultValue = "0.1") double validationFraction;
  @Option(names = "--pooling", defaultValue = "cls+mean", description = "cls, mean or cls+mean") String pooling;
  @Option(names = "--hidden", defaultValue = "0", description = "Hidden units; 0 for softmax regression") int hidden;
  @Option(names = "--epochs", defaultValue = "40") int epochs;
  @Option(names = "--batch", defaultValue = "64") int batch;
  @Option(names = "--learning-rate", defaultValue = "0.0005") double learningRate;
  @Option(names = "--weight-decay", defaultValue = "0.003") double weightDecay;
  @Option(names = "--dropout", defaultValue = "0") double dropout;
  @Option(names = "--version", defaultValue = "bge-small-en-v1.5+linear-head-1", description = "Version string of the model")
  String version;

  @Option(names = "--validation-only", description = "Report the validation figure only; write nothing")
  boolean validationOnly;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter printer = spec.commandLine().getOut();
    java.io.PrintStream progress = System.out;
    HeadTrainer.Settings head = new HeadTrainer.Settings(hidden, epochs, batch, learningRate, weightDecay, dropout, seed);
    DefaultModelTrainer.Settings settings = new DefaultModelTrainer.Settings(data, out, reportDir, cacheDir, seed,
        testFraction, validationFraction, Pooling.parse(pooling), head, version);
    List<LabeledExample> test = new DefaultModelTrainer(settings, progress).run(!validationOnly);
    if (validationOnly) {
      return 0;
    }
    try (SentimentModel model = SentimentModel.load(ModelSource.of(out.toString()), InferenceOptions.DEFAULT)) {
      Evaluation evaluation = new Evaluation(model);
      printer.println("held-out test split, natural class mix:");
      printer.print(evaluation.evaluate(test).toText());
      printer.println("held-out test split, balanced (equal count per class, seed " + seed + "):");
      printer.print(evaluation.evaluate(io.feedbackpulse.training.Splits.balanced(test, LabeledExample::label, seed))
          .toText());
    }
    printer.println("model written to " + out.toAbsolutePath() + "; held-out split in " + reportDir.resolve("test-split.csv"));
    printer.flush();
    return 0;
  }
}
