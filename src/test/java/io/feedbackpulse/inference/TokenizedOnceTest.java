package io.feedbackpulse.inference;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batch step costs each record when it arrives (batch.max-tokens), scores the batch, and explaining and
 * reasons cost its records again: the real tokenizer of the tiny model, counted, sees each record once.
 */
class TokenizedOnceTest {
  private final CountingEncoder counted = new CountingEncoder();
  private final SentimentModel model = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()),
      InferenceOptions.DEFAULT, Optional.empty(), encoder -> {
        counted.real = encoder;
        return counted;
      });

  @AfterEach
  void close() {
    model.close();
  }

  @Test
  void aCostedRecordIsTokenizedOnceForItsCostsAndItsModelCall() {
    List<String> batch = texts("costed");
    List<Integer> costs = batch.stream().map(model::cost).toList();
    List<Prediction> predictions = model.predict(batch);
    batch.forEach(model::cost);

    assertThat(counted.texts).isEqualTo(batch);
    try (SentimentModel plain = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()),
        InferenceOptions.DEFAULT)) {
      assertThat(predictions).usingRecursiveComparison().isEqualTo(plain.predict(batch));
      assertThat(costs).isEqualTo(batch.stream().map(plain::cost).toList());
    }
  }

  @Test
  void textsOnlyScoredAreTokenizedInOneCallAndNotKept() {
    List<String> scoredOnly = texts("scored");
    model.predict(scoredOnly);
    model.predict(scoredOnly);

    assertThat(counted.calls).isEqualTo(2);
    assertThat(counted.texts).hasSize(2 * scoredOnly.size());
  }

  private static List<String> texts(String prefix) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      texts.add(prefix + " review " + i + (i % 2 == 0 ? " was great, love it" : " arrived broken, so sad"));
    }
    return texts;
  }

  /** The model's real tokenizer, counting the texts it encodes and the calls. */
  private static final class CountingEncoder implements TextEncoder {
    private TextEncoder real;
    private final List<String> texts = new ArrayList<>();
    private int calls;

    @Override
    public TokenizedText encode(String text) {
      calls++;
      texts.add(text);
      return real.encode(text);
    }

    @Override
    public List<TokenizedText> encode(List<String> batch) {
      calls++;
      texts.addAll(batch);
      return real.encode(batch);
    }
  }
}
