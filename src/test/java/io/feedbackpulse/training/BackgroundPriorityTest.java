package io.feedbackpulse.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundPriorityTest {

  @Test
  void theLoweredThreadAndTheThreadsItStartsRunAtTheNewNiceValueWhileOthersKeepTheirs() throws Exception {
    assumeThat(BackgroundPriority.niceOfCurrentThread()).as("Linux /proc").isPresent();
    int before = BackgroundPriority.niceOfCurrentThread().getAsInt();
    AtomicReference<Boolean> lowered = new AtomicReference<>();
    AtomicReference<OptionalInt> own = new AtomicReference<>();
    AtomicReference<OptionalInt> child = new AtomicReference<>();
    Thread training = new Thread(() -> {
      lowered.set(BackgroundPriority.lowerCurrentThread(BackgroundPriority.LOWEST));
      own.set(BackgroundPriority.niceOfCurrentThread());
      Thread started = new Thread(() -> child.set(BackgroundPriority.niceOfCurrentThread()));
      started.start();
      try {
        started.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    training.start();
    training.join();

    assertThat(lowered.get()).isTrue();
    assertThat(own.get()).hasValue(19);
    assertThat(child.get()).as("a thread started by the lowered one").hasValue(19);
    assertThat(BackgroundPriority.niceOfCurrentThread()).as("the test's own thread").hasValue(before);
  }

  @Test
  void zeroLeavesThePriorityAndOutOfRangeValuesAreRefused() throws Exception {
    AtomicReference<Boolean> lowered = new AtomicReference<>();
    AtomicReference<OptionalInt> nice = new AtomicReference<>();
    OptionalInt before = BackgroundPriority.niceOfCurrentThread();
    Thread t = new Thread(() -> {
      lowered.set(BackgroundPriority.lowerCurrentThread(0));
      nice.set(BackgroundPriority.niceOfCurrentThread());
    });
    t.start();
    t.join();
    assertThat(lowered.get()).isFalse();
    assertThat(nice.get()).isEqualTo(before);
    assertThatThrownBy(() -> BackgroundPriority.lowerCurrentThread(20)).hasMessageContaining("0 to 19, got 20");
    assertThatThrownBy(() -> BackgroundPriority.lowerCurrentThread(-5)).hasMessageContaining("got -5");
  }
}
