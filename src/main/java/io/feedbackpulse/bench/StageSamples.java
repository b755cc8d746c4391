package io.feedbackpulse.bench;

import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.Timings;
import io.feedbackpulse.inference.BatchStage;
import io.feedbackpulse.streams.TopologyObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where a latency run's time goes. From the service (as its observer): each stage of scoring, and when each scored
 * item was forwarded. From each item as it is read committed: how long it took to reach the scoring batch
 * (ingest and the by-feedback-id repartition hop), how long it waited there for its batch, and how long from being
 * forwarded until it was read (the commit wait). Samples count once {@link #startRecording()} was called.
 */
final class StageSamples implements TopologyObserver {
  /** The per-record stages, in the order a record passes them. */
  static final List<String> RECORD_STAGES = List.of("before_batch", "batch_wait", "commit_wait");

  private final Map<BatchStage, Queue<Long>> nanos = new ConcurrentHashMap<>();
  private final Map<String, Long> forwardedAt = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> recordMillis = new LinkedHashMap<>();
  private volatile boolean recording;

  StageSamples() {
    RECORD_STAGES.forEach(s -> recordMillis.put(s, new ArrayList<>()));
  }

  void startRecording() {
    recording = true;
  }

  @Override
  public void batchStage(BatchStage stage, long nanos) {
    if (recording) {
      this.nanos.computeIfAbsent(stage, s -> new ConcurrentLinkedQueue<>()).add(nanos);
    }
  }

  @Override
  public void scored(ScoredFeedback scored) {
    forwardedAt.put(scored.getFeedback().getId(), System.currentTimeMillis());
  }

  /** An item read from feedback.scored at {@code readAtMillis}; called on the reading thread only. */
  void read(ScoredFeedback scored, long readAtMillis) {
    Timings t = scored.getTimings();
    long calledAt = t.getScoredAt().toEpochMilli() - t.getInferenceMicros() / 1000;
    long arrivedAt = calledAt - t.getQueuedMillis();
    recordMillis.get("before_batch").add(arrivedAt - scored.getFeedback().getEventTime().toEpochMilli());
    recordMillis.get("batch_wait").add(t.getQueuedMillis());
    Long forwarded = forwardedAt.remove(scored.getFeedback().getId());
    if (forwarded != null) {
      recordMillis.get("commit_wait").add(readAtMillis - forwarded);
    }
  }

  /** p50, p95 and p99 in milliseconds, and how many samples, of each stage that has samples. */
  Map<String, StagePercentiles> percentiles() {
    Map<String, StagePercentiles> out = new LinkedHashMap<>();
    for (BatchStage stage : BatchStage.values()) {
      Queue<Long> samples = nanos.get(stage);
      if (samples != null && !samples.isEmpty()) {
        out.put(stage.tag(), StagePercentiles.of(samples.stream().map(n -> n / 1e6).toList()));
      }
    }
    recordMillis.forEach((stage, millis) -> {
      if (!millis.isEmpty()) {
        out.put(stage, StagePercentiles.of(millis.stream().map(Long::doubleValue).toList()));
      }
    });
    return out;
  }
}
