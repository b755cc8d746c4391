package io.feedbackpulse.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedbackpulse.inference.FeatureEncoder;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Pooling;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fine-tunes the top layers of the default encoder together with a linear head. The splits it is
 * given are tokenized here, by the service's own tokenizer; the gradient steps run in a Python step
 * ({@code training/finetune_encoder.py}, torch + onnx, no network) that writes the fine-tuned
 * layers as {@code encoder-weights.safetensors} and the head as {@code head.json}.
 */
public final class EncoderFineTuning {
  public static final String WEIGHTS_FILE = "encoder-weights.safetensors";
  public static final String HEAD_FILE = "head.json";
  private static final String SCRIPT = "/training/finetune_encoder.py";
  private static final int CHECK_ROWS = 16;

  /** The fine-tuning run's choices. */
  public record FineTuningOptions(int topLayers, int epochs, double learningRate, double headLearningRate, int batch,
      Pooling pooling, long seed, String python, Path workDir) {}

  /**
   * What the run chose and reported: {@code checkLogits} are the Python side's logits for {@code
   * checkTexts}, computed with the weights as written, for comparison with ONNX Runtime.
   */
  public record Result(int bestEpoch, double validationMacroF1, List<String> checkTexts, double[][] checkLogits) {}

  private final FineTuningOptions settings;
  private final PrintStream progress;
  private final ObjectMapper json = new ObjectMapper();

  public EncoderFineTuning(FineTuningOptions settings, PrintStream progress) {
    this.settings = settings;
    this.progress = progress;
  }

  public Result run(List<LabeledExample> train, List<LabeledExample> validation, Path out) throws IOException {
    requirePython();
    Path work = Files.createDirectories(settings.workDir());
    ModelSource classpath = ModelSource.of("classpath:/");
    Path graph = classpath.file(DefaultModelTrainer.ENCODER_MODEL);
    List<String> checkTexts;
    try (FeatureEncoder tokens = new FeatureEncoder(classpath, DefaultModelTrainer.ENCODER_MODEL,
        DefaultModelTrainer.ENCODER_TOKENIZER, DefaultModelTrainer.MAX_LENGTH, InferenceOptions.DEFAULT)) {
      // One source keeps the class-weighted loss it always had; several are balanced per row.
      boolean mixed = TrainingSplits.bySource(train).size() > 1;
      writeRows(work.resolve("train.jsonl"), tokens.firstWindows(texts(train)), train,
          mixed ? SourceBalance.weights(train) : null, null);
      writeRows(work.resolve("validation.jsonl"), tokens.firstWindows(texts(validation)), validation, null,
          mixed ? SourceBalance.groups(validation) : null);
      checkTexts = texts(validation).stream().filter(tokens::fitsOneWindow).limit(CHECK_ROWS).toList();
      writeRows(work.resolve("check.jsonl"), tokens.firstWindows(checkTexts), null, null, null);
    }
    Path script = work.resolve("finetune_encoder.py");
    try (InputStream in = EncoderFineTuning.class.getResourceAsStream(SCRIPT)) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.createDirectories(out);
    List<String> command = new ArrayList<>(List.of(settings.python(), script.toString(),
        "--graph", graph.toString(),
        "--train", work.resolve("train.jsonl").toString(),
        "--validation", work.resolve("validation.jsonl").toString(),
        "--check", work.resolve("check.jsonl").toString(),
        "--out", out.toString(), "--work", work.toString(),
        "--top-layers", String.valueOf(settings.topLayers()), "--epochs", String.valueOf(settings.epochs()),
        "--lr", String.valueOf(settings.learningRate()), "--head-lr", String.valueOf(settings.headLearningRate()),
        "--batch", String.valueOf(settings.batch()), "--pooling", settings.pooling().key(),
        "--seed", String.valueOf(settings.seed())));
    progress.println("fine-tuning: " + String.join(" ", command));
    JsonNode result = json.readTree(lastLine(runPython(command)));
    double[][] logits = json.convertValue(result.get("check_logits"), double[][].class);
    return new Result(result.get("best_epoch").asInt(), result.get("validation_balanced_macro_f1").asDouble(),
        checkTexts, logits);
  }

  private void requirePython() throws IOException {
    String problem;
    try {
      Process check = new ProcessBuilder(settings.python(), "-c", "import torch, onnx, numpy")
          .redirectErrorStream(true).start();
      String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      problem = waitFor(check, 120) == 0 ? null : output;
    } catch (IOException e) {
      problem = e.getMessage();
    }
    if (problem != null) {
      throw new TrainingException("fine-tuning needs " + settings.python() + " with torch, onnx and numpy "
          + "(Debian: apt-get install python3-torch python3-onnx python3-numpy); --encoder frozen trains a head "
          + "on the frozen encoder in Java instead. Python said: " + problem);
    }
  }

  private String runPython(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = waitFor(process, TimeUnit.HOURS.toSeconds(12));
    if (exit != 0) {
      throw new TrainingException("the fine-tuning step exited with " + exit + "; its output is above");
    }
    return stdout;
  }

  private static int waitFor(Process process, long seconds) throws IOException {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new TrainingException("the Python step did not finish in " + seconds + " s");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the Python step", e);
    }
  }

  private static String lastLine(String stdout) {
    String[] lines = stdout.strip().split("\n");
    return lines[lines.length - 1];
  }

  private void writeRows(Path file, List<long[]> ids, List<LabeledExample> labeled, double[] weights,
      List<Integer> groups) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < ids.size(); i++) {
        ObjectNode row = json.createObjectNode();
        row.putPOJO("ids", ids.get(i));
        if (labeled != null) {
          row.put("label", labeled.get(i).label().index());
        }
        if (weights != null) {
          row.put("weight", weights[i]);
        }
        if (groups != null) {
          row.put("group", groups.get(i));
        }
        out.write(json.writeValueAsString(row));
        out.newLine();
      }
    }
  }

  private static List<String> texts(List<LabeledExample> examples) {
    return examples.stream().map(LabeledExample::text).toList();
  }
}
