package io.feedbackpulse.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.inference.ClassificationHead;
import io.feedbackpulse.inference.Pooling;
import io.feedbackpulse.inference.Sentiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A warm start begins from the given head's weights and standardization, not from random ones. */
class HeadTrainerWarmStartTest {
  private static final int FEATURES = 6;

  @Test
  void withNoEpochsAWarmStartKeepsTheChampionsWeightsAndStandardization() {
    Data champions = data(1, 300, 0.0);
    ClassificationHead champion = trainer(20, 0).train(Pooling.CLS_MEAN, champions.x, champions.y, champions.x,
        champions.y).head();
    Data fresh = data(2, 200, 3.0);

    ClassificationHead warm = trainer(0, 0).train(Pooling.CLS_MEAN, fresh.x, fresh.y, fresh.x, fresh.y,
        Optional.of(champion)).head();
    ClassificationHead cold = trainer(0, 0).train(Pooling.CLS_MEAN, fresh.x, fresh.y, fresh.x, fresh.y).head();

    assertThat(warm.layers().get(0).weights()).containsExactly(champion.layers().get(0).weights());
    assertThat(warm.featureMean()).containsExactly(champion.featureMean());
    assertThat(warm.featureScale()).containsExactly(champion.featureScale());
    assertThat(cold.layers().get(0).weights()).isNotEqualTo(champion.layers().get(0).weights());
    assertThat(cold.featureMean()).isNotEqualTo(champion.featureMean());
  }

  @Test
  void aWarmStartBeginsAtTheChampionsFigureWhereAColdStartBeginsNearChance() {
    Data champions = data(1, 300, 0.0);
    HeadTrainer.Result champion = trainer(20, 0).train(Pooling.CLS_MEAN, champions.x, champions.y, champions.x,
        champions.y);
    // one epoch at a learning rate too small to learn anything: where training ends is where it began
    HeadTrainer still = new HeadTrainer(new HeadTrainer.HeadTrainingOptions(0, 1, 32, 1e-7, 0.0, 0, 7));

    double warm = still.train(Pooling.CLS_MEAN, champions.x, champions.y, champions.x, champions.y,
        Optional.of(champion.head())).validationMacroF1();
    double cold = still.train(Pooling.CLS_MEAN, champions.x, champions.y, champions.x, champions.y)
        .validationMacroF1();

    assertThat(champion.validationMacroF1()).isGreaterThan(0.9);
    assertThat(warm).isGreaterThanOrEqualTo(champion.validationMacroF1() - 0.01);
    assertThat(cold).isLessThan(champion.validationMacroF1() - 0.2);
  }

  @Test
  void aHeadOfAnotherShapeIsNoStart() {
    Data d = data(1, 60, 0.0);
    ClassificationHead regression = trainer(2, 0).train(Pooling.CLS_MEAN, d.x, d.y, d.x, d.y).head();

    assertThat(trainer(2, 0).fits(regression, FEATURES)).isTrue();
    assertThat(trainer(2, 4).fits(regression, FEATURES)).isFalse();
    assertThat(trainer(2, 0).fits(regression, FEATURES + 1)).isFalse();
    assertThatThrownBy(() -> trainer(2, 4).train(Pooling.CLS_MEAN, d.x, d.y, d.x, d.y, Optional.of(regression)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warm start");
  }

  private static HeadTrainer trainer(int epochs, int hidden) {
    return new HeadTrainer(new HeadTrainer.HeadTrainingOptions(hidden, epochs, 32, 0.01, 0.0, 0, 7));
  }

  private record Data(List<float[]> x, List<Sentiment> y) {}

  /** Three separable clusters, one per class, moved by {@code shift} in every feature. */
  private static Data data(long seed, int n, double shift) {
    Random random = new Random(seed);
    List<float[]> x = new ArrayList<>();
    List<Sentiment> y = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Sentiment label = Sentiment.values()[i % 3];
      float[] row = new float[FEATURES];
      for (int f = 0; f < FEATURES; f++) {
        row[f] = (float) (shift + random.nextGaussian() * 0.5 + (f % 3 == label.index() ? 2.0 : 0.0));
      }
      x.add(row);
      y.add(label);
    }
    return new Data(x, y);
  }
}
