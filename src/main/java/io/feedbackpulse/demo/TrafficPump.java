package io.feedbackpulse.demo;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends sample traffic at a steady rate from a background thread until closed, and with {@link AgentLabels} the
 * labels an agent gives some of those items.
 */
public final class TrafficPump implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrafficPump.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  /** After a stall (a broker that is down blocks sending) the pump resumes its rate instead of bursting. */
  private static final long MAX_BACKLOG_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Producer<byte[], byte[]> producer;
  private final SampleTraffic traffic;
  private final Optional<AgentLabels> labels;
  private final long intervalNanos;
  private final Thread thread;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong labelled = new AtomicLong();
  private volatile boolean running = true;

  private TrafficPump(Producer<byte[], byte[]> producer, SampleTraffic traffic, Optional<AgentLabels> labels,
      double recordsPerSecond) {
    if (!(recordsPerSecond > 0)) {
      throw new IllegalArgumentException("The rate must be above 0 records/s, not " + recordsPerSecond);
    }
    this.producer = producer;
    this.traffic = traffic;
    this.labels = labels;
    this.intervalNanos = Math.max(1, (long) (TimeUnit.SECONDS.toNanos(1) / recordsPerSecond));
    this.thread = new Thread(this::pump, "sample-traffic-pump");
    this.thread.setDaemon(true);
  }

  /** Starts pumping with a producer of its own, to the cluster at {@code bootstrapServers}. */
  public static TrafficPump start(String bootstrapServers, SampleTraffic traffic, double recordsPerSecond) {
    return start(bootstrapServers, traffic, Optional.empty(), recordsPerSecond);
  }

  /** Starts pumping with a producer of its own, each item followed by its label when {@code labels} gives one. */
  public static TrafficPump start(String bootstrapServers, SampleTraffic traffic, Optional<AgentLabels> labels,
      double recordsPerSecond) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, "feedback-pulse-sample-traffic",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 5);
    return start(new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()),
        traffic, labels, recordsPerSecond);
  }

  /** Starts pumping with {@code producer}, which the pump closes when it is closed. */
  public static TrafficPump start(Producer<byte[], byte[]> producer, SampleTraffic traffic, double recordsPerSecond) {
    return start(producer, traffic, Optional.empty(), recordsPerSecond);
  }

  /** Starts pumping items and their labels with {@code producer}, which the pump closes when it is closed. */
  public static TrafficPump start(Producer<byte[], byte[]> producer, SampleTraffic traffic,
      Optional<AgentLabels> labels, double recordsPerSecond) {
    TrafficPump pump = new TrafficPump(producer, traffic, labels, recordsPerSecond);
    pump.thread.start();
    return pump;
  }

  /** Records the cluster has acknowledged. */
  public long acknowledged() {
    return acknowledged.get();
  }

  /** Labels the cluster has acknowledged. */
  public long labelled() {
    return labelled.get();
  }

  /** Records that could not be sent. */
  public long failed() {
    return failed.get();
  }

  /** Stops sending, waits for the records in flight (up to 5 s) and closes the producer. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(CLOSE_TIMEOUT);
    LOG.info("Sample traffic stopped: {} records acknowledged, {} failed", acknowledged(), failed());
  }

  private void pump() {
    long due = System.nanoTime();
    try {
      while (running) {
        long now = System.nanoTime();
        if (now < due) {
          TimeUnit.NANOSECONDS.sleep(due - now);
          continue;
        }
        SampleTraffic.Item item = traffic.nextItem();
        producer.send(item.record(), (metadata, error) -> countOutcome(error));
        labels.flatMap(l -> l.labelFor(item)).ifPresent(label -> producer.send(label, (metadata, error) -> {
          if (error == null) {
            labelled.incrementAndGet();
          } else {
            countOutcome(error);
          }
        }));
        due = Math.max(due + intervalNanos, now - MAX_BACKLOG_NANOS);
      }
    } catch (InterruptedException | InterruptException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("Sample traffic stopped after an unexpected error", e);
    }
  }

  private void countOutcome(Exception error) {
    if (error == null) {
      acknowledged.incrementAndGet();
    } else if (failed.incrementAndGet() == 1) {
      LOG.warn("Sample traffic could not send a record (further failures are only counted): {}", error.toString());
    }
  }
}
