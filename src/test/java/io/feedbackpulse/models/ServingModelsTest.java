package io.feedbackpulse.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.ChallengeMode;
import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.testing.ModelVersions;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner of the serving models: a batch keeps its models to its end; a retired model closes after it. */
class ServingModelsTest {
  @TempDir
  Path dir;

  @Test
  void aBatchScoresWithTheModelItLeasedThroughASwapWhichIsClosedWhenTheBatchIsDone() {
    ModelVersions versions = new ModelVersions(dir);
    SentimentModel v1 = ModelVersions.load(versions.sameLabels("v1"));
    SentimentModel v2 = ModelVersions.load(versions.sameLabels("v2"));
    try (ServingModels serving = new ServingModels(v1)) {
      ModelLease batch = serving.lease();
      serving.serve(ModelAssignment.championOnly(v2));

      assertThat(serving.current().champion()).isSameAs(v2);
      assertThat(batch.assignment().champion()).isSameAs(v1);
      assertThat(v1.predict("still open for the batch that leased it")).isNotNull();
      try (ModelLease next = serving.lease()) {
        assertThat(next.assignment().champion()).isSameAs(v2);
      }

      batch.close();
      assertThatThrownBy(() -> v1.predict("after its last batch")).isInstanceOf(ModelClosedException.class);
      assertThat(v2.predict("the champion now")).isNotNull();
    }
    assertThatThrownBy(() -> v2.predict("after the owner closed")).isInstanceOf(ModelClosedException.class);
  }

  @Test
  void aModelKeptByTheNextAssignmentStaysOpen() {
    ModelVersions versions = new ModelVersions(dir);
    SentimentModel champion = ModelVersions.load(versions.sameLabels("v1"));
    SentimentModel challenger = ModelVersions.load(versions.rotatedLabels("v2"));
    try (ServingModels serving = new ServingModels(champion)) {
      serving.serve(new ModelAssignment(champion,
          Optional.of(new ModelAssignment.Challenger(challenger, ChallengeMode.shadow, 1.0))));
      serving.serve(ModelAssignment.championOnly(champion));

      assertThat(champion.predict("kept")).isNotNull();
      assertThatThrownBy(() -> challenger.predict("retired")).isInstanceOf(ModelClosedException.class);
    }
  }

  @Test
  void afterCloseNoBatchCanLease() {
    ServingModels serving = new ServingModels(ModelVersions.load(ModelVersions.TINY_ROBERTA));
    ModelLease inFlight = serving.lease();
    serving.close();

    assertThat(inFlight.assignment().champion().predict("a batch in flight finishes")).isNotNull();
    assertThatThrownBy(serving::lease).isInstanceOf(ModelClosedException.class);
    inFlight.close();
    assertThatThrownBy(() -> inFlight.assignment().champion().predict("x")).isInstanceOf(ModelClosedException.class);
  }
}
