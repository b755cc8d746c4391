package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.App;
import io.feedbackpulse.inference.Baseline;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.training.LabeledCsv;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code calibrate} on a copy of the tiny RoBERTa export and the committed 600-review sample: it rebuilds
 * the split `train` draws from them (458 / 51 / 91, as TrainCommandIT finds), fits a temperature on the 51
 * validation texts, and writes calibration.json, baseline.json and the held-out split.
 */
class CalibrateCommandTest {
  static final String SAMPLE = "src/main/resources/sample/reviews-sample.csv";

  @TempDir
  Path dir;

  @Test
  void fitsTheTemperatureOnTheRebuiltValidationSplitAndWritesItIntoTheDirectory() throws Exception {
    Path model = dir.resolve("model");
    Files.createDirectories(model);
    for (String f : new String[] {"model.onnx", "tokenizer.json", "config.json"}) {
      Files.copy(TINY_ROBERTA.resolve(f), model.resolve(f));
    }
    String before;
    try (SentimentModel m = SentimentModel.load(ModelSource.of(model.toString()), InferenceOptions.DEFAULT)) {
      before = m.lineage().id();
    }

    Run first = calibrate(model);
    assertThat(first.status).as(first.err).isZero();
    assertThat(first.out).contains("validation split of reviews-sample.csv: 51 texts (seed 20261129")
        .contains("held-out test split (91 texts)").containsPattern("calibration: temperature [0-9.]+ fitted on 51");
    JsonNode calibration = new ObjectMapper().readTree(model.resolve("calibration.json").toFile());
    assertThat(calibration.get("count").asInt()).isEqualTo(51);
    // the fit can only improve on T = 1, where it starts from
    assertThat(calibration.get("nll_after").asDouble()).isLessThanOrEqualTo(calibration.get("nll_before").asDouble());
    Baseline baseline = Baseline.parse(Files.readAllBytes(model.resolve("baseline.json")));
    assertThat(baseline.count()).isEqualTo(458 + 51);
    assertThat(baseline.modelScores().orElseThrow().count()).isEqualTo(51);
    assertThat(LabeledCsv.read(dir.resolve("report/test-split.csv"))).hasSize(91);
    try (SentimentModel m = SentimentModel.load(ModelSource.of(model.toString()), InferenceOptions.DEFAULT)) {
      assertThat(m.lineage().id()).isNotEqualTo(before);
      assertThat(m.calibration().temperature()).isEqualTo(calibration.get("temperature").asDouble());
    }

    // the split and the logits do not depend on the temperature already there: the same T again; and a test figure
    // already in baseline.json stays, since a temperature moves no argmax
    Files.write(model.resolve("baseline.json"), baseline.withTestMacroF1(0.61).toJson());
    Run second = calibrate(model);
    assertThat(second.status).isZero();
    assertThat(Baseline.parse(Files.readAllBytes(model.resolve("baseline.json"))).testMacroF1()).hasValue(0.61);
    assertThat(new ObjectMapper().readTree(model.resolve("calibration.json").toFile()).get("temperature").asDouble())
        .isEqualTo(calibration.get("temperature").asDouble());
  }

  @Test
  void aFolderWithoutConfigIsNotAModelDirectory() {
    Run run = calibrate(dir);
    assertThat(run.status).isEqualTo(ExitStatus.USAGE);
    assertThat(run.err).contains("is not a model directory");
  }

  private record Run(int status, String out, String err) {}

  private Run calibrate(Path model) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = App.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute("calibrate", "--model", model.toString(), "--data", SAMPLE, "--report-dir",
        dir.resolve("report").toString(), "--progress-interval", "0");
    return new Run(status, out.toString(), err.toString());
  }
}
