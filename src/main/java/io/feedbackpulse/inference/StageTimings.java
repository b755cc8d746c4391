package io.feedbackpulse.inference;

/** Takes how long each stage of scoring took. Called on stream threads: implementations are thread-safe and quick. */
@FunctionalInterface
public interface StageTimings {
  StageTimings NONE = (stage, nanos) -> { };

  void batchStage(BatchStage stage, long nanos);
}
