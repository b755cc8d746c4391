package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.App;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelLoadException;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.onnx.ActivationRanges;
import io.feedbackpulse.onnx.Int8Quantization;
import io.feedbackpulse.training.LabeledCsv;
import io.feedbackpulse.training.LabeledExample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code quantize} on a copy of the tiny RoBERTa export: activation ranges measured on the validation split of
 * the committed 600-review sample, written to quantization.json; the int8 graph then runs in place of the fp32
 * one, close to it, with the same result for a text whatever it is batched with.
 */
class QuantizeCommandTest {
  static final String SAMPLE = "src/main/resources/sample/reviews-sample.csv";

  @TempDir
  Path dir;
  Path model;

  @BeforeEach
  void copyModel() throws Exception {
    model = dir.resolve("model");
    Files.createDirectories(model);
    for (String f : new String[] {"model.onnx", "tokenizer.json", "config.json"}) {
      Files.copy(TINY_ROBERTA.resolve(f), model.resolve(f));
    }
  }

  @Test
  void measuresRangesOnTheValidationSplitAndTheInt8GraphStaysCloseToFp32() throws Exception {
    String fp32Id;
    List<Prediction> fp32;
    List<String> texts = LabeledCsv.read(Path.of(SAMPLE)).stream().map(LabeledExample::text).limit(120).toList();
    try (SentimentModel m = SentimentModel.load(ModelSource.of(model.toString()), InferenceOptions.DEFAULT)) {
      fp32Id = m.lineage().id();
      fp32 = m.predict(texts);
    }

    Run run = quantize();
    assertThat(run.status).as(run.err).isZero();
    // the tiny model has 2 layers, each with 4 inputs to products by weights: the attention's input (Q, K and V
    // share it), its context, the feed-forward input and its hidden state; its classifier's products are Gemm
    assertThat(run.out).contains("calibration: 51 texts of the validation split of reviews-sample.csv")
        .contains("(8 activation ranges)");
    assertThat(new ObjectMapper().readTree(model.resolve("config.json").toFile())
        .path("feedback_pulse").path("quantization").asText()).isEqualTo(Int8Quantization.SCHEME);
    ActivationRanges ranges = ActivationRanges.parse(Files.readAllBytes(model.resolve(ActivationRanges.FILE)));
    assertThat(ranges.calibration().get("texts").asInt()).isEqualTo(51);
    Matcher agreement = Pattern.compile("agrees with fp32 on (\\d+) of 51").matcher(run.out);
    assertThat(agreement.find()).as(run.out).isTrue();
    assertThat(Integer.parseInt(agreement.group(1))).isGreaterThanOrEqualTo(48);

    try (SentimentModel int8 = SentimentModel.load(ModelSource.of(model.toString()), InferenceOptions.DEFAULT)) {
      assertThat(int8.lineage().id()).isNotEqualTo(fp32Id);
      List<Prediction> quantized = int8.predict(texts);
      int same = 0;
      for (int i = 0; i < texts.size(); i++) {
        same += quantized.get(i).label() == fp32.get(i).label() ? 1 : 0;
        for (Sentiment c : Sentiment.values()) {
          assertThat(quantized.get(i).probability(c)).isCloseTo(fp32.get(i).probability(c),
              offset(0.1));
        }
      }
      assertThat(same).isGreaterThanOrEqualTo(texts.size() * 95 / 100);
    }
  }

  @Test
  void aTextScoresTheSameAloneAndInAnyBatchBecauseActivationScalesAreFixed() throws Exception {
    assertThat(quantize().status).isZero();
    List<String> texts = LabeledCsv.read(Path.of(SAMPLE)).stream().map(LabeledExample::text).limit(40).toList();
    try (SentimentModel int8 = SentimentModel.load(ModelSource.of(model.toString()),
        InferenceOptions.DEFAULT.withMaxBatchRows(16))) {
      List<Prediction> batched = int8.predict(texts);
      List<String> backwards = new ArrayList<>(texts);
      Collections.reverse(backwards);
      List<Prediction> reversed = new ArrayList<>(int8.predict(backwards));
      Collections.reverse(reversed);
      for (int i = 0; i < texts.size(); i++) {
        Prediction alone = int8.predict(texts.get(i));
        for (Sentiment c : Sentiment.values()) {
          assertThat(batched.get(i).probability(c)).as("text %d", i).isEqualTo(alone.probability(c));
          assertThat(reversed.get(i).probability(c)).as("text %d", i).isEqualTo(alone.probability(c));
        }
      }
    }
  }

  @Test
  void quantizationNoneRunsTheFp32GraphUnderAnotherVersion() throws Exception {
    String before;
    try (SentimentModel m = SentimentModel.load(ModelSource.of(model.toString()), InferenceOptions.DEFAULT)) {
      before = m.lineage().id();
    }
    assertThat(quantize().status).isZero();
    try (SentimentModel fp32 = SentimentModel.load(ModelSource.of(model.toString()),
        InferenceOptions.DEFAULT.withoutQuantization());
        SentimentModel int8 = SentimentModel.load(ModelSource.of(model.toString()), InferenceOptions.DEFAULT)) {
      assertThat(fp32.lineage().version()).endsWith("+fp32");
      assertThat(int8.lineage().version()).doesNotEndWith("+fp32");
      assertThat(fp32.lineage().id()).isNotEqualTo(int8.lineage().id()).isNotEqualTo(before);
    }
  }

  @Test
  void aMarkedModelWithoutItsRangesDoesNotLoad() throws Exception {
    assertThat(quantize().status).isZero();
    Files.delete(model.resolve(ActivationRanges.FILE));
    assertThatThrownBy(() -> SentimentModel.load(ModelSource.of(model.toString()), InferenceOptions.DEFAULT))
        .hasMessageContaining(ActivationRanges.FILE);
    Files.writeString(model.resolve(ActivationRanges.FILE), "{\"scheme\": \"int4\", \"activations\": {}}");
    assertThatThrownBy(() -> SentimentModel.load(ModelSource.of(model.toString()), InferenceOptions.DEFAULT))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("int8-static");
  }

  private Run quantize() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new App());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute("quantize", "--model", model.toString(), "--data", SAMPLE, "--progress-interval", "PT1H");
    return new Run(status, out.toString(), err.toString());
  }

  private record Run(int status, String out, String err) {}
}
