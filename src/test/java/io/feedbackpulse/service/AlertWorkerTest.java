package io.feedbackpulse.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Stopping the worker before the streams stop: the batch it is on finishes, the ones waiting never start. */
class AlertWorkerTest {
  @Test
  void stopLetsTheRunningTaskFinishDropsTheWaitingOnesAndRefusesNewOnes() throws Exception {
    AlertWorker worker = new AlertWorker();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    AtomicBoolean waitingRan = new AtomicBoolean();
    worker.execute(() -> {
      running.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      finished.set(true);
    });
    worker.execute(() -> waitingRan.set(true));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    Thread releaser = new Thread(() -> {
      sleep(200);
      release.countDown();
    });
    releaser.start();
    assertThat(worker.stop(Duration.ofSeconds(10))).as("stopped once the running task ended").isTrue();
    assertThat(finished).as("the running task was not interrupted").isTrue();
    assertThat(waitingRan).as("the waiting task was dropped").isFalse();
    assertThatThrownBy(() -> worker.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void stopSaysSoWhenTheRunningTaskOutlastsTheTimeout() throws Exception {
    AlertWorker worker = new AlertWorker();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    worker.execute(() -> {
      running.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(worker.stop(Duration.ofMillis(100))).isFalse();
    release.countDown();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
