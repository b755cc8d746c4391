package io.feedbackpulse.inference;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Closing the tiny RoBERTa model while a call runs: close waits for it (freeing the ONNX Runtime session under
 * a running call crashes the JVM), and a call after close throws {@link ModelClosedException}.
 */
class SentimentModelLifetimeTest {
  private static final List<String> TEXTS = List.of("The zipper broke", "love it", "ok");

  @Test
  void closeWaitsForACallInFlightAndLaterCallsThrowModelClosed() throws Exception {
    SentimentModel model = load();
    List<Prediction> expected = model.predict(TEXTS);
    // The call is held in flight while it reads its input, so close is certain to come during it.
    CountDownLatch callStarted = new CountDownLatch(1);
    CountDownLatch letCallGoOn = new CountDownLatch(1);
    List<String> heldInput = new AbstractList<>() {
      @Override
      public String get(int index) {
        return TEXTS.get(index);
      }

      @Override
      public int size() {
        if (callStarted.getCount() > 0) {
          callStarted.countDown();
          await(letCallGoOn);
        }
        return TEXTS.size();
      }
    };

    CompletableFuture<List<Prediction>> call = CompletableFuture.supplyAsync(() -> model.predict(heldInput));
    assertThat(callStarted.await(10, TimeUnit.SECONDS)).as("the call started").isTrue();
    CompletableFuture<Void> close = CompletableFuture.runAsync(model::close);
    Thread.sleep(300);
    assertThat(close).as("close returned while a call was in flight").isNotDone();

    letCallGoOn.countDown();
    List<Prediction> got = call.get(10, TimeUnit.SECONDS);
    close.get(10, TimeUnit.SECONDS);
    assertThat(got).hasSize(TEXTS.size());
    for (int i = 0; i < TEXTS.size(); i++) {
      for (Sentiment s : Sentiment.values()) {
        assertThat(got.get(i).probability(s)).isCloseTo(expected.get(i).probability(s), within(1e-6));
      }
    }

    assertThatThrownBy(() -> model.predict("after close")).isInstanceOf(ModelClosedException.class);
    assertThatThrownBy(() -> model.predict(TEXTS)).isInstanceOf(ModelClosedException.class);
    model.close(); // a second close is harmless
  }

  @Test
  void aCallAfterCloseThrowsModelClosedEvenForNoTexts() {
    SentimentModel model = load();
    model.close();
    assertThatThrownBy(() -> model.predict(List.of())).isInstanceOf(ModelClosedException.class)
        .hasMessageContaining(model.lineage().id());
    assertThatThrownBy(() -> model.cost("the batch budget asks the tokenizer too"))
        .as("cost uses the native tokenizer, which close freed").isInstanceOf(ModelClosedException.class);
  }

  private static SentimentModel load() {
    return SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()), InferenceOptions.DEFAULT);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never let the call go on");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
