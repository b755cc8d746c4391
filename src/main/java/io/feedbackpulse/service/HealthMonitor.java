package io.feedbackpulse.service;

import io.feedbackpulse.topology.FeedbackTopology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the service's health on a timer and publishes each sample as an immutable {@link Health}
 * that any probe reads as it is. Sampling on a timer rather than when a probe asks means the
 * connection hold ({@link ClusterConnectivity}) and the stall clock run whether anyone asks or
 * not, so the first probe of a healthy service is answered "ready".
 *
 * <p>Stalled: records are waiting, in the main consumers' lag ({@code records-lag-max}) or in the
 * pending-inference store, and no stream thread has committed ({@code commit-total}) for
 * {@code health.max-stall}. A thread blocked in a model call neither polls nor commits, while
 * Kafka Streams stays RUNNING and the heartbeat thread keeps the group membership: only progress
 * tells. An idle service (nothing waiting) commits nothing and is never stalled.
 *
 * <p>Alerts stalled: items wait in the pending-alerts store and the alert worker has finished no batch for
 * {@code health.max-stall}. Scoring goes on committing meanwhile, so only the worker's own progress tells that its
 * model call hangs and alerts no longer reach support.
 */
public final class HealthMonitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);
  static final Duration PERIOD = Duration.ofMillis(500);

  /** What a sample reads: the service's {@link KafkaStreams} in production, fakes in tests. */
  interface Source {
    KafkaStreams.State state();

    Map<MetricName, ? extends Metric> metrics();

    /** Records in the pending-inference store of this instance's active tasks; 0 when unknown. */
    long pendingInference();

    /** Items in the pending-alerts store of this instance's active tasks; 0 when unknown. */
    long pendingAlerts();

    /** Batches the instance's alert worker has finished; -1 when unknown. */
    long alertBatchesDone();
  }

  private final Source source;
  private final Duration maxStall;
  private final Clock clock;
  private final ClusterConnectivity connectivity;
  private volatile Health current = Health.NOT_SAMPLED;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "feedback-pulse-health");
    t.setDaemon(true);
    return t;
  });
  private final ProgressClock commits = new ProgressClock();
  private final ProgressClock alertBatches = new ProgressClock();

  HealthMonitor(Source source, Duration maxStall, Clock clock) {
    this.source = source;
    this.maxStall = maxStall;
    this.clock = clock;
    this.connectivity = new ClusterConnectivity(clock);
  }

  static HealthMonitor of(KafkaStreams streams, Duration maxStall, LongSupplier alertBatchesDone) {
    return new HealthMonitor(new StreamsSource(streams, alertBatchesDone), maxStall, Clock.systemUTC());
  }

  /** Samples now and then every {@link #PERIOD}, on a thread of its own. */
  HealthMonitor start() {
    timer.scheduleWithFixedDelay(this::sampleOrLog, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** The latest sample. */
  public Health current() {
    return current;
  }

  private void sampleOrLog() {
    try {
      sample();
    } catch (RuntimeException e) {
      // a failed sample must not cancel the timer; the previous sample stands until the next one
      log.warn("Health sample failed: {}", e.toString());
    }
  }

  synchronized Health sample() {
    Instant now = clock.instant();
    KafkaStreams.State state = source.state();
    Map<MetricName, ? extends Metric> metrics = source.metrics();
    boolean connected = connectivity.held(ClusterConnectivity.connected(metrics));
    long lag = consumerLag(metrics);
    long pending = source.pendingInference();
    boolean waiting = lag > 0 || pending > 0;
    Duration withoutProgress = commits.without(waiting, commits(metrics), now);
    long alerts = source.pendingAlerts();
    long alertBatchesNow = source.alertBatchesDone();
    Duration alertsWithoutProgress = alertBatches.without(alerts > 0, alertBatchesNow, now);
    Health sample = new Health(now, state, connected, lag, pending, alerts, withoutProgress,
        waiting && withoutProgress.compareTo(maxStall) >= 0, alertsWithoutProgress,
        alertBatchesNow >= 0 && alerts > 0 && alertsWithoutProgress.compareTo(maxStall) >= 0);
    if (sample.stalled() && !current.stalled()) {
      log.warn("Stalled: records waiting (consumer lag {}, {} pending inference) and no commit for {} s", lag, pending,
          withoutProgress.toSeconds());
    } else if (!sample.stalled() && current.stalled()) {
      log.info("Progress again after a stall");
    }
    if (sample.alertsStalled() && !current.alertsStalled()) {
      log.warn("Alerts stalled: {} items wait in {} and the alert worker finished no batch for {} s", alerts,
          FeedbackTopology.PENDING_ALERTS_STORE, alertsWithoutProgress.toSeconds());
    } else if (!sample.alertsStalled() && current.alertsStalled()) {
      log.info("The alert worker moves again after a stall");
    }
    current = sample;
    return sample;
  }

  /** The largest records-lag-max of the main consumers; NaN (no fetch in the metric's window) counts as 0. */
  static long consumerLag(Map<MetricName, ? extends Metric> metrics) {
    double lag = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      MetricName name = e.getKey();
      if (name.group().equals("consumer-fetch-manager-metrics") && name.name().equals("records-lag-max")
          && ClusterConnectivity.isMainConsumer(name.tags().getOrDefault("client-id", ""))
          && e.getValue().metricValue() instanceof Number n && n.doubleValue() > lag) {
        lag = n.doubleValue();
      }
    }
    return (long) lag;
  }

  /** Commits of all stream threads together. */
  static double commits(Map<MetricName, ? extends Metric> metrics) {
    double total = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      MetricName name = e.getKey();
      if (name.group().equals("stream-thread-metrics") && name.name().equals("commit-total")
          && e.getValue().metricValue() instanceof Number n && !Double.isNaN(n.doubleValue())) {
        total += n.doubleValue();
      }
    }
    return total;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How long a counter (commits, finished alert batches) has not risen while something waited for it. */
  private static final class ProgressClock {
    private double last = Double.NEGATIVE_INFINITY;
    private Instant since;

    /** Zero while nothing waits, and from each rise of {@code counter} on. */
    Duration without(boolean waiting, double counter, Instant now) {
      if (!waiting || counter > last || since == null) {
        since = now;
      }
      last = counter;
      return Duration.between(since, now);
    }
  }

  private record StreamsSource(KafkaStreams streams, LongSupplier alertBatches) implements Source {
    @Override
    public long alertBatchesDone() {
      return alertBatches.getAsLong();
    }

    @Override
    public KafkaStreams.State state() {
      return streams.state();
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
      return streams.metrics();
    }

    @Override
    public long pendingInference() {
      return entries(FeedbackTopology.PENDING_INFERENCE_STORE);
    }

    @Override
    public long pendingAlerts() {
      return entries(FeedbackTopology.PENDING_ALERTS_STORE);
    }

    private long entries(String store) {
      try {
        return streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()))
            .approximateNumEntries();
      } catch (InvalidStateStoreException e) {
        // not RUNNING (rebalancing, not started, closing): unknown, and the streams state already says not ready
        return 0;
      }
    }
  }
}
