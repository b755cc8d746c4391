package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.streams.TopicReader;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether {@code pipeline cancel} asked to stop a run: follows {@code pipeline.runs} from its end, on a thread of its
 * own, for a record of the run that says {@code cancelled}. The run asks between steps and at each training epoch.
 */
public final class CancelWatch implements BooleanSupplier, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CancelWatch.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final TopicReader<PipelineRun> reader;
  private final String runId;
  private final Thread follower;
  private volatile boolean cancelled;
  private volatile boolean closing;

  /** @param reader placed at the end of the topic before the run's first record, so it sees every later one */
  CancelWatch(TopicReader<PipelineRun> reader, String runId) {
    this.reader = reader;
    this.runId = runId;
    follower = new Thread(this::follow, "pipeline-cancel-watch");
    follower.setDaemon(true);
    follower.start();
  }

  @Override
  public boolean getAsBoolean() {
    return cancelled;
  }

  private void follow() {
    try {
      while (!closing && !cancelled) {
        for (ConsumerRecord<byte[], PipelineRun> r : reader.poll(POLL)) {
          if (r.value() != null && r.value().getRunId().equals(runId)
              && r.value().getStatus() == PipelineRunStatus.cancelled) {
            cancelled = true;
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      // the run goes on; only a cancel would go unnoticed
      LOG.warn("Not following the runs topic for a cancel of run {}: {}", runId, e.toString());
    } finally {
      reader.close();
    }
  }

  @Override
  public void close() {
    closing = true;
    reader.wakeup();
    try {
      follower.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
