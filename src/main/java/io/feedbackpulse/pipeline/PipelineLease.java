package io.feedbackpulse.pipeline;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * At most one pipeline run at a time across every instance and command: the lease is membership of one consumer
 * group on {@code pipeline.runs} whose {@link LeaseAssignor} gives every partition to one member, the holder. A
 * member that gets none learns that someone else holds it and leaves. The broker's session timeout is the lease's
 * term: a holder that dies (SIGKILL, a lost machine) stops heartbeating and the next member to join gets the lease
 * once its session expired; a live holder keeps it through any number of newcomers. A thread of its own polls the
 * group (records stay paused: nothing is read) so the run's own work never delays a heartbeat or a rebalance.
 */
public final class PipelineLease implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final CompletableFuture<Boolean> decided = new CompletableFuture<>();
  private final Thread poller;
  private volatile boolean closing;
  private volatile boolean lost;

  private PipelineLease(Properties clientProperties, String topic, String group, Duration sessionTimeout) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, LeaseAssignor.class.getName());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "feedback-pulse-pipeline-lease-" + UUID.randomUUID().toString()
        .substring(0, 8));
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(1, sessionTimeout.toMillis() / 5));
    // the poller polls every 100 ms: a rebalance never waits long for the holder
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) sessionTimeout.toMillis());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    poller = new Thread(() -> poll(topic), "pipeline-lease");
    poller.setDaemon(true);
  }

  /**
   * Joins the lease's group and waits until the group says who holds it.
   *
   * @param wait how long to wait for that answer: the session timeout of a holder that died, and more
   * @return the lease, held until {@link #close()}; empty when another member holds it
   * @throws TimeoutException when the group gave no answer within {@code wait}
   */
  public static Optional<PipelineLease> tryAcquire(Properties clientProperties, String topic, String group,
      Duration sessionTimeout, Duration wait) throws TimeoutException, InterruptedException {
    PipelineLease lease = new PipelineLease(clientProperties, topic, group, sessionTimeout);
    lease.poller.start();
    boolean holds;
    try {
      holds = lease.decided.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      lease.close();
      throw new TimeoutException("the pipeline lease's group " + group + " gave no answer within " + wait);
    } catch (ExecutionException e) {
      lease.close();
      throw new IllegalStateException("could not join the pipeline lease's group " + group + ": "
          + e.getCause().getMessage(), e.getCause());
    }
    if (!holds) {
      lease.close();
      return Optional.empty();
    }
    return Optional.of(lease);
  }

  private void poll(String topic) {
    try {
      consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> added) {
          consumer.pause(consumer.assignment());
          boolean holds = !consumer.assignment().isEmpty();
          if (!decided.complete(holds) && !holds) {
            lost = true;
          }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
          // only when closing: the assignor never takes the partitions from a live holder
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> gone) {
          // the group expired this member (its process paused past the session timeout): another may hold it now
          lost = true;
        }
      });
      while (!closing) {
        consumer.poll(POLL);
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      decided.completeExceptionally(e);
    } finally {
      // leaving the group hands the lease on at once, not after the session timeout
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Whether the lease was lost while held: the group expired this member (a pause longer than the session timeout:
   * a stopped process, a long GC, a suspended machine) and another member may hold it now. It is not given back.
   */
  public boolean lost() {
    return lost;
  }

  /** Leaves the group: the lease is free for the next member at once. */
  @Override
  public void close() {
    closing = true;
    consumer.wakeup();
    try {
      poller.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
