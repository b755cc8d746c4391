package io.feedbackpulse.reasons;

import static io.feedbackpulse.testing.LabelledRecords.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.LabelledFeedback;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which labelled items each reason keeps as examples, with an embedding that counts its calls (the texts' own
 * length as a one-dimensional vector): the newest per reason, an item's newest label counting, each embedded once.
 */
class LearnedReasonsTest {
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
  private final List<String> embeddedTexts = new ArrayList<>();
  private final LearnedReasons learned = new LearnedReasons(List.of("delivery", "price"), 2, texts -> {
    embeddedTexts.addAll(texts);
    return texts.stream().map(t -> new float[] {t.length()}).toList();
  });

  @Test
  void eachReasonKeepsItsNewestExamplesByLabellingTimeWhateverTheOrderTheyCameIn() {
    learned.learn(List.of(label("chat:m-3", "third late", "delivery", 3), label("chat:m-1", "first late", "delivery", 1),
        label("chat:m-2", "second late", "delivery", 2), label("chat:m-4", "too dear", "price", 1)));

    assertThat(learned.examples("delivery")).containsExactly("third late", "second late");
    assertThat(learned.examples("price")).containsExactly("too dear");
    assertThat(learned.anchors()).extracting(a -> a.length).containsExactly(2, 1);
    assertThat(embeddedTexts).as("the example the bound drops is never embedded")
        .containsExactlyInAnyOrder("third late", "second late", "too dear");

    learned.learn(List.of(label("chat:m-5", "fifth late", "delivery", 5)));
    assertThat(learned.examples("delivery")).containsExactly("fifth late", "third late");
    assertThat(embeddedTexts).as("each embedded once").hasSize(4);
  }

  @Test
  void aRelabelMovesTheItemsExampleAndOneWithoutAKnownReasonTakesItOut() {
    learned.learn(List.of(label("chat:m-1", "late and dear", "delivery", 1),
        label("chat:m-2", "late again", "delivery", 2)));
    learned.learn(List.of(label("chat:m-1", "late and dear", "price", 3)));

    assertThat(learned.examples("delivery")).containsExactly("late again");
    assertThat(learned.examples("price")).containsExactly("late and dear");
    assertThat(embeddedTexts).as("the same item's text is not embedded again").hasSize(2);

    learned.learn(List.of(label("chat:m-1", "late and dear", "shipping", 4), label("chat:m-2", "late again", null, 5)));
    assertThat(learned.examples("delivery")).isEmpty();
    assertThat(learned.examples("price")).isEmpty();
    assertThat(learned.anchors()).extracting(a -> a.length).containsExactly(0, 0);
  }

  @Test
  void anEmbeddingThatFailsLeavesTheExampleOutUntilTheNextLearn() {
    boolean[] fail = {true};
    LearnedReasons flaky = new LearnedReasons(List.of("delivery"), 2, texts -> {
      if (fail[0]) {
        throw new IllegalStateException("encoder closed");
      }
      return texts.stream().map(t -> new float[] {1}).toList();
    });
    flaky.learn(List.of(label("chat:m-1", "late", "delivery", 1)));
    assertThat(flaky.examples("delivery")).isEmpty();

    fail[0] = false;
    flaky.learn(List.of());
    assertThat(flaky.examples("delivery")).containsExactly("late");
  }

  private static LabelledFeedback label(String id, String text, String reason, int minute) {
    return LabelledFeedback.newBuilder(item(id, text, -1)).setReason(reason)
        .setLabeledAt(T0.plusSeconds(60L * minute)).build();
  }
}
