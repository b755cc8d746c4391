package io.feedbackpulse.training;

import io.feedbackpulse.inference.Baseline;
import io.feedbackpulse.inference.Calibration;
import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.inference.TextLogits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits a model's temperature on its validation split and writes it to the model directory
 * ({@code calibration.json}), with the drift baseline's model scores taken at that temperature:
 * windows are scored calibrated, so their mean confidence must be compared with calibrated scores.
 */
public final class ModelCalibrator {
  private static final int TEXTS_PER_CALL = 64;

  private final Progress progress;

  public ModelCalibrator(Progress progress) {
    this.progress = progress;
  }

  /** One line on what was fitted, for the command's report. */
  public static String summary(Calibration c) {
    return String.format(Locale.ROOT, "calibration: temperature %.4f fitted on %d validation texts (mean NLL %.4f at "
        + "T=1, %.4f at T)", c.temperature(), c.count(), c.nllBefore(), c.nllAfter());
  }

  /**
   * Scores {@code validation} with {@code model} (logits before any temperature, whatever the
   * directory holds now), fits T, writes calibration.json and baseline.json into {@code dir}.
   */
  public Calibration calibrate(SentimentModel model, Path dir, List<LabeledExample> validation, String fittedOn,
      Baseline labelShares) throws IOException {
    List<TextLogits> logits = new ArrayList<>(validation.size());
    Progress.Step step = progress.start("scored", validation.size(), "validation texts");
    for (int from = 0; from < validation.size(); from += TEXTS_PER_CALL) {
      List<String> call = validation.subList(from, Math.min(validation.size(), from + TEXTS_PER_CALL)).stream()
          .map(LabeledExample::text).toList();
      logits.addAll(model.logits(call));
      step.advance(call.size());
    }
    Calibration calibration = TemperatureFit.fit(logits,
        validation.stream().map(LabeledExample::label).toList(), fittedOn);
    Files.write(dir.resolve(Calibration.FILE), calibration.toJson());
    List<Prediction> scores = logits.stream().map(t -> t.prediction(calibration)).toList();
    Files.write(dir.resolve(Baseline.FILE), labelShares.withModelScores(
        Baseline.ModelScores.of(scores, "the model's calibrated scores on the validation split")).toJson());
    return calibration;
  }
}
