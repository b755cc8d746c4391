package io.feedbackpulse.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedbackpulse.inference.ActivationProbe;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.onnx.ActivationRanges;
import io.feedbackpulse.onnx.Int8Quantization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Makes a model directory run int8: measures its fp32 activation ranges on a seeded sample of validation texts,
 * writes them to quantization.json and marks config.json, which the service then loads quantized.
 */
public final class ModelQuantizer {
  public static final int DEFAULT_TEXTS = 512;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Progress progress;
  private final InferenceOptions inference;

  public ModelQuantizer(Progress progress) {
    this(progress, InferenceOptions.DEFAULT);
  }

  /** @param inference how the model runs while its ranges are measured (its threads); fp32 whatever it says */
  public ModelQuantizer(Progress progress, InferenceOptions inference) {
    this.progress = progress;
    this.inference = inference;
  }

  /** What was measured on which texts. */
  public record Result(ActivationRanges ranges, List<String> texts) {}

  /**
   * @param source said in quantization.json: where the texts come from (data file names, split)
   */
  public Result quantize(Path model, List<LabeledExample> validation, long seed, int texts, String source)
      throws IOException {
    List<LabeledExample> sample = new ArrayList<>(validation);
    Collections.shuffle(sample, new Random(seed));
    List<String> chosen = sample.subList(0, Math.min(texts, sample.size())).stream().map(LabeledExample::text).toList();
    ObjectNode record = JSON.createObjectNode().put("data", source).put("split", "validation").put("seed", seed)
        .put("texts", chosen.size());
    InferenceOptions fp32 = inference.withoutQuantization();
    ActivationRanges ranges;
    try (SentimentModel m = SentimentModel.load(ModelSource.of(model.toString()), fp32)) {
      Progress.Step step = progress.start("measuring activation ranges:", chosen.size(), "texts");
      int[] reported = {0};
      ranges = ActivationProbe.measure(m, chosen, fp32, record, done -> {
        step.advance(done - reported[0]);
        reported[0] = done;
      });
    }
    Files.write(model.resolve(ActivationRanges.FILE), ranges.toJson());
    Path configFile = model.resolve("config.json");
    ObjectNode config = (ObjectNode) JSON.readTree(configFile.toFile());
    ObjectNode own = config.get("feedback_pulse") instanceof ObjectNode o ? o : config.putObject("feedback_pulse");
    own.put("quantization", Int8Quantization.SCHEME);
    Files.writeString(configFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n");
    return new Result(ranges, chosen);
  }
}
