package io.feedbackpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedbackpulse.avro.ModelLineageRecord;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.inference.ClassificationHead;
import io.feedbackpulse.inference.Pooling;
import io.feedbackpulse.testing.ModelVersions;
import io.feedbackpulse.training.DefaultModelTrainer;
import io.feedbackpulse.training.HeadTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train step starts from the champion's head only when that head reads the features the step trains on. */
class WarmStartTest {
  private static final HeadTrainer REGRESSION = new HeadTrainer(new HeadTrainer.HeadTrainingOptions(0, 1, 64, 5e-4,
      0.003, 0, 1));

  @TempDir
  Path dir;

  @Test
  void aChampionHeadOnTheFrozenEncoderIsTheStart() throws IOException {
    ClassificationHead head = head(768, 1);
    WarmStart start = WarmStart.from(champion(frozenModel(head, false)), Pooling.CLS_MEAN, REGRESSION);

    assertThat(start.note()).isEqualTo("champion v1's head");
    assertThat(start.head()).hasValueSatisfying(h -> assertThat(h.layers().get(0).weights())
        .containsExactly(head.layers().get(0).weights()));
  }

  @Test
  void aFineTunedEncoderOrAnotherModelOrShapeIsTrainedFromScratchAndSaysWhy() throws IOException {
    assertThat(WarmStart.from(champion(frozenModel(head(768, 1), true)), Pooling.CLS_MEAN, REGRESSION).note())
        .isEqualTo("none: champion v1 fine-tuned its encoder (encoder-weights.safetensors): its head reads other "
            + "features");
    assertThat(WarmStart.from(champion("classpath:/models/default"), Pooling.CLS_MEAN, REGRESSION).note())
        .startsWith("none: champion v1 fine-tuned its encoder");
    assertThat(WarmStart.from(champion(ModelVersions.TINY_ROBERTA.toString()), Pooling.CLS_MEAN, REGRESSION)
        .note()).startsWith("none: champion v1 runs another encoder or window");
    assertThat(WarmStart.from(champion(frozenModel(head(768, 2), false)), Pooling.CLS_MEAN, REGRESSION).note())
        .isEqualTo("none: champion v1's head has another pooling or shape (cls+mean, 768 features, 2 layers)");
    assertThat(WarmStart.from(champion(frozenModel(head(768, 1), false)), Pooling.CLS, REGRESSION).head())
        .isEmpty();
    assertThat(WarmStart.from(Optional.empty(), Pooling.CLS_MEAN, REGRESSION).note()).isEqualTo("none: no champion");
    assertThat(WarmStart.from(champion("https://models.example/v1.tar.gz"), Pooling.CLS_MEAN, REGRESSION).head())
        .isEmpty();
  }

  private String frozenModel(ClassificationHead head, boolean fineTuned) throws IOException {
    Path model = Files.createTempDirectory(dir, "model");
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ObjectNode own = root.putObject("feedback_pulse");
    own.put("model", DefaultModelTrainer.ENCODER_MODEL);
    own.put("max_length", DefaultModelTrainer.MAX_LENGTH);
    own.put("head", "head.json");
    if (fineTuned) {
      own.put("encoder_weights", "encoder-weights.safetensors");
    }
    Files.write(model.resolve("config.json"), mapper.writeValueAsBytes(root));
    Files.write(model.resolve("head.json"), head.toJson());
    return model.toString();
  }

  private static ClassificationHead head(int features, int layers) {
    float[] ones = new float[features];
    Arrays.fill(ones, 1f);
    float[] w = new float[features * 3];
    for (int i = 0; i < w.length; i++) {
      w[i] = i * 0.001f;
    }
    List<ClassificationHead.Dense> dense = layers == 1
        ? List.of(new ClassificationHead.Dense(features, 3, w, new float[3]))
        : List.of(new ClassificationHead.Dense(features, 3, w, new float[3]),
            new ClassificationHead.Dense(3, 3, new float[9], new float[3]));
    return new ClassificationHead(Pooling.CLS_MEAN, new float[features], ones, dense);
  }

  private static Optional<ModelManifest> champion(String location) {
    return Optional.of(ModelManifest.newBuilder().setVersion("v1").setModelId("sha256:1").setLocation(location)
        .setStage(ModelStage.champion).setLineage(ModelLineageRecord.newBuilder().build()).setRegisteredBy("ana")
        .setRegisteredAt(Instant.parse("2026-12-07T05:00:00Z")).build());
  }
}
