package io.feedbackpulse.bench;

import io.feedbackpulse.avro.ChallengeMode;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.demo.SampleChannel;
import io.feedbackpulse.demo.SampleReview;
import io.feedbackpulse.demo.SampleTraffic;
import io.feedbackpulse.demo.TrafficPump;
import io.feedbackpulse.inference.ModelLoading;
import io.feedbackpulse.models.ModelAssignment;
import io.feedbackpulse.models.ServingModels;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.service.FeedbackPulseService;
import io.feedbackpulse.service.Pipeline;
import io.feedbackpulse.streams.TopologyObserver;
import io.feedbackpulse.training.Progress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The whole service on a broker: throughput over a backlog produced ahead of time, and latency
 * from produce to feedback.scored under a steady offered load. Each run has its own application
 * id and output topics; outputs are read with a read_committed consumer, as a downstream
 * exactly-once reader would.
 */
public final class PipelineBench {
  private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);

  /**
   * @param seconds from RUNNING until every record was out (scored or dead-lettered)
   * @param alerts the alerts read from support.alerts, which come after their items (the alert worker)
   * @param secondsWithAlerts from RUNNING until the last alert was read ({@link #throughputUntilAlerts} waits for
   *     them); {@code seconds} when none came later
   */
  public record Throughput(int records, int deadLetters, double seconds, int alerts, double secondsWithAlerts) {
    public double recordsPerSecond() {
      return records / seconds;
    }

    /** Records a second counting until their alerts were out too: what the instance sustains, alerts included. */
    public double recordsPerSecondWithAlerts() {
      return records / secondsWithAlerts;
    }
  }

  /**
   * Produce-to-output latency in milliseconds of the records after the warm-up, and where it went: each stage of
   * scoring (by its tag in feedback.batch.stage), and per record {@code before_batch} (event
   * time until it reached its scoring batch: ingest and the by-feedback-id hop), {@code batch_wait} (waiting for its
   * batch to be scored) and {@code commit_wait} (from being forwarded until read committed). Alerts are explained
   * and given reasons after scoring, so their latency (read from support.alerts) is its own figure.
   */
  public record Latency(double offeredPerSecond, int records, double p50, double p95, double p99,
      Map<String, StagePercentiles> stages, int alerts, double alertP50, double alertP95, double alertP99) {}

  /** How long the latency run waits for alerts once every scored item is read: none for this long ends it. */
  private static final int ALERTS_SETTLE_SECONDS = 2;
  private static final Duration ALERTS_SETTLE = Duration.ofSeconds(ALERTS_SETTLE_SECONDS);

  private final Settings base;
  private final List<SampleReview> reviews;
  private final Duration timeout;
  private final Progress progress;
  private Run current;
  private boolean stopped;

  /**
   * @param base the service's settings with the broker and registry addresses
   * @param timeout how long a run may take before the bench gives up on it
   * @param progress how far each throughput run has come (records out of the service)
   */
  public PipelineBench(Settings base, List<SampleReview> reviews, Duration timeout, Progress progress) {
    this.base = base;
    this.reviews = reviews;
    this.timeout = timeout;
    this.progress = progress;
  }

  /** Produces the bench's records to the channel topics, created first. */
  public void produceBacklog(BenchInputs inputs) throws Exception {
    createChannelTopics(Map.of());
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (ProducerRecord<byte[], byte[]> r : inputs.records()) {
        producer.send(r);
      }
      producer.flush();
    }
  }

  /** Starts the service on the backlog and times it from RUNNING until every record is out. */
  public Throughput throughput(String run, Map<String, String> overrides, int records) throws Exception {
    return throughput(run, overrides, records, false, false);
  }

  /** The same, and then until the records' alerts are out too (none for {@value #ALERTS_SETTLE_SECONDS} s). */
  public Throughput throughputUntilAlerts(String run, Map<String, String> overrides, int records) throws Exception {
    return throughput(run, overrides, records, false, true);
  }

  /**
   * The same with a shadow challenger beside the champion: a second copy of the model, scoring the share of items
   * {@code models.shadow.sample} says; what shadowing costs.
   */
  public Throughput throughputWithShadow(String run, Map<String, String> overrides, int records) throws Exception {
    return throughput(run, overrides, records, true, false);
  }

  private Throughput throughput(String run, Map<String, String> overrides, int records, boolean shadow,
      boolean untilAlerts) throws Exception {
    Settings settings = forRun(run, overrides, Map.of());
    try (Run service = start(settings, shadow)) {
      long start = System.nanoTime();
      String alertsTopic = settings.string("topic.alerts");
      try (KafkaConsumer<byte[], byte[]> consumer = consumer(settings.string("topic.scored"),
          settings.string("topic.dead-letter"), alertsTopic)) {
        int scored = 0;
        int dead = 0;
        int alerts = 0;
        long lastAlertAt = start;
        long deadline = start + timeout.toNanos();
        Progress.Step step = progress.start(run + ": scored", records, "records");
        while (scored + dead < records) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(run + ": only " + (scored + dead) + " of " + records + " records out in "
                + timeout);
          }
          int before = scored + dead;
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
            if (r.topic().equals(alertsTopic)) {
              alerts++;
              lastAlertAt = System.nanoTime();
            } else if (r.topic().equals(settings.string("topic.scored"))) {
              scored++;
            } else {
              dead++;
            }
          }
          if (scored + dead > before) {
            step.advance(scored + dead - before);
          }
        }
        long outAt = System.nanoTime();
        if (untilAlerts) {
          AlertsSettled later = untilAlertsSettle(() -> {
            int n = 0;
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
              n += r.topic().equals(alertsTopic) ? 1 : 0;
            }
            return n;
          }, deadline);
          alerts += later.alerts();
          lastAlertAt = later.alerts() > 0 ? later.lastAt() : lastAlertAt;
        }
        return new Throughput(scored + dead, dead, (outAt - start) / 1e9, alerts,
            (Math.max(outAt, lastAlertAt) - start) / 1e9);
      }
    }
  }

  /**
   * Offers sample records at a steady rate to topics of its own for {@code duration}, then waits
   * for all of them; latency is the time it is read from feedback.scored minus its item's event time (its creation),
   * and an alert's the time it is read from support.alerts minus its item's.
   */
  public Latency latency(String run, Map<String, String> overrides, double recordsPerSecond, Duration duration,
      Duration warmup) throws Exception {
    Map<SampleChannel, String> inputs = new EnumMap<>(SampleChannel.class);
    for (SampleChannel c : SampleChannel.values()) {
      inputs.put(c, "bench-" + run + "." + c.defaultTopic());
    }
    createChannelTopics(inputs);
    Map<String, String> inputSettings = new HashMap<>();
    inputs.forEach((c, topic) -> inputSettings.put("topic." + c.name().toLowerCase(Locale.ROOT), topic));
    Settings settings = forRun(run, overrides, inputSettings);
    String scoredTopic = settings.string("topic.scored");
    String alertsTopic = settings.string("topic.alerts");
    StageSamples samples = new StageSamples();
    try (Run service = start(settings, false, samples);
        KafkaConsumer<byte[], byte[]> consumer = consumer(scoredTopic, settings.string("topic.dead-letter"),
            alertsTopic)) {
      consumer.poll(Duration.ofMillis(100));
      AvroSerdes avro = new AvroSerdes(RegistrySettings.from(settings));
      Outputs outputs = new Outputs(scoredTopic, avro.specific(ScoredFeedback.class, false).deserializer(),
          alertsTopic, avro.specific(SupportAlert.class, false).deserializer(), samples);
      long measuredFrom = System.currentTimeMillis() + warmup.toMillis();
      int received = 0;
      long pumpEnd = System.nanoTime() + duration.toNanos();
      TrafficPump pump = TrafficPump.start(base.string("bootstrap.servers"),
          new SampleTraffic(reviews, 7, Clock.systemUTC(), inputs), recordsPerSecond);
      try {
        while (System.nanoTime() < pumpEnd) {
          if (System.currentTimeMillis() >= measuredFrom) {
            samples.startRecording();
          }
          received += outputs.collect(consumer, measuredFrom);
        }
      } finally {
        pump.close();
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (received < pump.acknowledged() && System.nanoTime() < deadline) {
        received += outputs.collect(consumer, measuredFrom);
      }
      untilAlertsSettle(() -> {
        int before = outputs.alertLatencies.size();
        outputs.collect(consumer, measuredFrom);
        return outputs.alertLatencies.size() - before;
      }, deadline);
      List<Long> latencies = outputs.latencies;
      List<Long> alerts = outputs.alertLatencies;
      latencies.sort(Long::compare);
      alerts.sort(Long::compare);
      return new Latency(recordsPerSecond, latencies.size(), percentile(latencies, 50), percentile(latencies, 95),
          percentile(latencies, 99), samples.percentiles(), alerts.size(), percentile(alerts, 50),
          percentile(alerts, 95), percentile(alerts, 99));
    }
  }

  /** @param lastAt when the last of the alerts was read ({@link System#nanoTime}); meaningless when none were */
  private record AlertsSettled(int alerts, long lastAt) {}

  /**
   * Polls until no alert came for {@value #ALERTS_SETTLE_SECONDS} s, or the deadline.
   *
   * @param pollAlerts one poll; how many alerts it read
   */
  private static AlertsSettled untilAlertsSettle(IntSupplier pollAlerts, long deadline) {
    long quietSince = System.nanoTime();
    int alerts = 0;
    while (System.nanoTime() - quietSince < ALERTS_SETTLE.toNanos() && System.nanoTime() < deadline) {
      int read = pollAlerts.getAsInt();
      if (read > 0) {
        alerts += read;
        quietSince = System.nanoTime();
      }
    }
    return new AlertsSettled(alerts, quietSince);
  }

  /** What the latency run reads: scored items, alerts and dead letters, with the latencies of the measured ones. */
  private record Outputs(String scoredTopic, Deserializer<ScoredFeedback> scored, String alertsTopic,
      Deserializer<SupportAlert> alert, StageSamples samples, List<Long> latencies, List<Long> alertLatencies) {
    Outputs(String scoredTopic, Deserializer<ScoredFeedback> scored, String alertsTopic,
        Deserializer<SupportAlert> alert, StageSamples samples) {
      this(scoredTopic, scored, alertsTopic, alert, samples, new ArrayList<>(), new ArrayList<>());
    }

    /** Returns how many scored items and dead letters it read (alerts are not counted: they are not extra items). */
    int collect(KafkaConsumer<byte[], byte[]> consumer, long measuredFrom) {
      int n = 0;
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
        long now = System.currentTimeMillis();
        // The item's event time: the Kafka timestamp of an output is when it was written (LogAppendTime).
        if (r.topic().equals(alertsTopic)) {
          long created = alert.deserialize(r.topic(), r.value()).getEventTime().toEpochMilli();
          if (created >= measuredFrom) {
            alertLatencies.add(now - created);
          }
          continue;
        }
        if (r.topic().equals(scoredTopic)) {
          ScoredFeedback item = scored.deserialize(r.topic(), r.value());
          long created = item.getFeedback().getEventTime().toEpochMilli();
          if (created >= measuredFrom) {
            latencies.add(now - created);
            samples.read(item, now);
          }
        }
        n++;
      }
      return n;
    }
  }

  static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private Settings forRun(String run, Map<String, String> overrides, Map<String, String> inputTopics) {
    Settings s = base.with("application.id", "bench-" + run);
    for (String key : List.of("topic.scored", "topic.alerts", "topic.dead-letter", "topic.distribution",
        "topic.drift")) {
      s = s.with(key, "bench-" + run + "." + base.string(key));
    }
    for (Map.Entry<String, String> e : inputTopics.entrySet()) {
      s = s.with(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      s = s.with(e.getKey(), e.getValue());
    }
    return s;
  }

  /**
   * Stops the run in progress (on SIGTERM): its service, then its model; no run starts after this. Returns once
   * no stream thread calls the model any more.
   */
  public synchronized void stop() {
    stopped = true;
    if (current != null) {
      current.close();
    }
  }

  private Run start(Settings settings, boolean shadow) throws InterruptedException {
    return start(settings, shadow, TopologyObserver.NONE);
  }

  private Run start(Settings settings, boolean shadow, TopologyObserver observer) throws InterruptedException {
    ServingModels models = new ServingModels(ModelLoading.load(settings));
    Run run;
    try {
      if (shadow) {
        models.serve(new ModelAssignment(models.current().champion(), Optional.of(new ModelAssignment.Challenger(
            ModelLoading.load(settings), ChallengeMode.shadow, settings.decimal("models.shadow.sample")))));
      }
      run = new Run(FeedbackPulseService.start(new Pipeline(settings, models, Clock.systemUTC(), observer)));
    } catch (RuntimeException e) {
      models.close();
      throw e;
    }
    synchronized (this) {
      if (stopped) {
        run.close();
        throw new CancellationException("the bench was stopped");
      }
      current = run;
    }
    if (!run.service().awaitRunning(RUNNING_TIMEOUT)) {
      run.close();
      throw new IllegalStateException("the service did not reach RUNNING");
    }
    return run;
  }

  /** A service and the models this bench loaded for it, closed in that order: the models once the service stopped. */
  private record Run(FeedbackPulseService service) implements AutoCloseable {
    @Override
    public void close() {
      service.closeGracefully();
      service.closeModelsIfStopped();
    }
  }

  private Map<SampleChannel, String> topics(Map<SampleChannel, String> overrides) {
    Map<SampleChannel, String> out = new EnumMap<>(SampleChannel.class);
    for (SampleChannel c : SampleChannel.values()) {
      out.put(c, overrides.getOrDefault(c, base.string("topic." + c.name().toLowerCase(Locale.ROOT))));
    }
    return out;
  }

  private void createChannelTopics(Map<SampleChannel, String> overrides) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", base.string("bootstrap.servers"));
    try (Admin admin = Admin.create(p)) {
      List<NewTopic> topics = topics(overrides).values().stream()
          .map(t -> new NewTopic(t, base.integer("topics.partitions"), (short) 1)).toList();
      admin.createTopics(topics).all().get();
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, base.string("bootstrap.servers"));
    p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private KafkaConsumer<byte[], byte[]> consumer(String... topics) {
    Properties p = new Properties();
    p.put("bootstrap.servers", base.string("bootstrap.servers"));
    p.put("group.id", "bench-reader-" + UUID.randomUUID());
    p.put("isolation.level", "read_committed");
    p.put("auto.offset.reset", "earliest");
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    consumer.subscribe(List.of(topics));
    return consumer;
  }
}
