package io.feedbackpulse.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelMappingTest {
  @Test
  void readsCommonSpellingsInAnyOrder() {
    LabelMapping m = LabelMapping.from(Map.of(0, "POS", 1, "Negative", 2, "neutral"), Map.of());
    assertThat(m.sentimentOf(0)).isEqualTo(Sentiment.POSITIVE);
    assertThat(m.sentimentOf(1)).isEqualTo(Sentiment.NEGATIVE);
    assertThat(m.sentimentOf(2)).isEqualTo(Sentiment.NEUTRAL);
    assertThat(m.toSentimentOrder(new double[] {0.7, 0.1, 0.2})).containsExactly(0.1, 0.2, 0.7);
  }

  @Test
  void explicitMappingWinsOverNames() {
    LabelMapping m = LabelMapping.from(Map.of(0, "LABEL_0", 1, "LABEL_1", 2, "LABEL_2"),
        Map.of("LABEL_0", -1, "LABEL_1", 0, "LABEL_2", 1));
    assertThat(m.sentimentOf(0)).isEqualTo(Sentiment.NEGATIVE);
    assertThat(m.sentimentOf(2)).isEqualTo(Sentiment.POSITIVE);
  }

  @Test
  void aBinaryModelLeavesNeutralAtZero() {
    LabelMapping m = LabelMapping.from(Map.of(0, "NEGATIVE", 1, "POSITIVE"), Map.of());
    assertThat(m.toSentimentOrder(new double[] {0.3, 0.7})).containsExactly(0.3, 0.0, 0.7);
  }

  @Test
  void classesMustBeNumberedFromZero() {
    assertThatThrownBy(() -> LabelMapping.from(Map.of(1, "negative", 2, "positive"), Map.of()))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("0..1");
  }
}
