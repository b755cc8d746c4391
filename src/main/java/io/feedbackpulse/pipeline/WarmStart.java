package io.feedbackpulse.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.inference.ClassificationHead;
import io.feedbackpulse.inference.ModelLoadException;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.Pooling;
import io.feedbackpulse.training.DefaultModelTrainer;
import io.feedbackpulse.training.EncoderFineTuning;
import io.feedbackpulse.training.HeadTrainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Where the train step's head starts: the champion's own head when the champion is a head on the same frozen
 * encoder, window and pooling, with the shape the step trains (what an earlier pipeline run registered); otherwise
 * random weights, and the reason why. The shipped default fine-tuned its encoder's top layers, so its head reads
 * other features: a run over it starts from scratch.
 */
public record WarmStart(Optional<ClassificationHead> head, String note) {

  /** @param trainer the step's head training, whose shape the champion's head must have */
  public static WarmStart from(Optional<ModelManifest> champion, Pooling pooling, HeadTrainer trainer) {
    if (champion.isEmpty()) {
      return scratch("no champion");
    }
    ModelManifest c = champion.get();
    String location = c.getLocation();
    if (location.startsWith("http://") || location.startsWith("https://")) {
      return scratch("champion " + c.getVersion() + " is at an http(s) location, not read for a warm start");
    }
    ModelSource source = ModelSource.of(location);
    JsonNode own;
    try {
      own = new ObjectMapper().readTree(source.read("config.json")).path("feedback_pulse");
    } catch (IOException | UncheckedIOException | ModelLoadException e) {
      return scratch("champion " + c.getVersion() + "'s config.json cannot be read: " + e.getMessage());
    }
    if (!DefaultModelTrainer.ENCODER_MODEL.equals(own.path("model").asText())
        || own.path("max_length").asInt() != DefaultModelTrainer.MAX_LENGTH) {
      return scratch("champion " + c.getVersion() + " runs another encoder or window ("
          + own.path("model").asText("its own model.onnx") + ")");
    }
    if (own.has("encoder_weights")) {
      return scratch("champion " + c.getVersion() + " fine-tuned its encoder (" + EncoderFineTuning.WEIGHTS_FILE
          + "): its head reads other features");
    }
    ClassificationHead head;
    try {
      head = ClassificationHead.parse(source.read(own.path("head").asText(EncoderFineTuning.HEAD_FILE)));
    } catch (UncheckedIOException | ModelLoadException e) {
      return scratch("champion " + c.getVersion() + "'s head cannot be read: " + e.getMessage());
    }
    if (head.pooling() != pooling || !trainer.fits(head, head.featureSize())) {
      return scratch("champion " + c.getVersion() + "'s head has another pooling or shape (" + head.pooling().key()
          + ", " + head.featureSize() + " features, " + head.layers().size() + " layers)");
    }
    return new WarmStart(Optional.of(head), "champion " + c.getVersion() + "'s head");
  }

  private static WarmStart scratch(String why) {
    return new WarmStart(Optional.empty(), "none: " + why);
  }
}
