package io.feedbackpulse.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.streams.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelWindowAggregateTest {

  @Test
  void countsTheReasonsItemsAlertedWithAndReadsWhatAVersionBeforeReasonsWrote() {
    LabelSample before = JsonSerde.of(LabelSample.class).deserializer().deserialize("t",
        "{\"label\":-1,\"confidence\":0.9,\"entropyBits\":0.5,\"tokenCount\":10}".getBytes(StandardCharsets.UTF_8));
    LabelWindowAggregate stored = JsonSerde.of(LabelWindowAggregate.class).deserializer().deserialize("t",
        "{\"negative\":1,\"neutral\":0,\"positive\":0}".getBytes(StandardCharsets.UTF_8));

    stored.add(before);
    stored.add(new LabelSample(-1, 0.9, 0.5, 10).withReasons(List.of("delivery", "price")));
    stored.add(new LabelSample(-1, 0.9, 0.5, 10).withFacets("app", null).withReasons(List.of("delivery")));

    assertThat(stored.negative).isEqualTo(4);
    assertThat(stored.reasons).isEqualTo(Map.of("delivery", 2L, "price", 1L));
  }

  @Test
  void categoriesPastTheBoundAreCountedTogetherAndLongNamesCut() {
    LabelWindowAggregate window = new LabelWindowAggregate();
    for (int i = 0; i < LabelWindowAggregate.MAX_CATEGORIES + 50; i++) {
      window.add(new LabelSample(-1, 0.9, 0.5, 10).withFacets("app", "category-" + i));
    }
    window.add(new LabelSample(1, 0.9, 0.5, 10).withFacets("app", "category-7"));
    window.add(new LabelSample(1, 0.9, 0.5, 10).withFacets("app", "x".repeat(5_000)));

    assertThat(window.byCategory).hasSize(LabelWindowAggregate.MAX_CATEGORIES + 1);
    assertThat(window.byCategory.get(LabelWindowAggregate.OTHER_CATEGORIES).total()).as("50 late ones and the long one")
        .isEqualTo(51);
    assertThat(window.byCategory.get("category-7").total()).as("a category already counted keeps its own counts")
        .isEqualTo(2);
    assertThat(window.byCategory.keySet()).allMatch(k -> k.length() <= LabelWindowAggregate.MAX_CATEGORY_CHARS);
    assertThat(window.total()).isEqualTo(LabelWindowAggregate.MAX_CATEGORIES + 52);
  }

  @Test
  void aLongCategoryNameWithinTheBoundIsKeptCut() {
    LabelWindowAggregate window = new LabelWindowAggregate();
    window.add(new LabelSample(0, 0.9, 0.5, 10).withFacets("app", "y".repeat(5_000)));
    assertThat(window.byCategory).containsOnlyKeys("y".repeat(LabelWindowAggregate.MAX_CATEGORY_CHARS));
  }
}
