package io.feedbackpulse.demo;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.topology.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the service's output topics as a downstream consumer would (read_committed, Avro through
 * the registry) and keeps the counts the demo prints.
 */
public final class DemoSummary implements AutoCloseable {
  private final TopicNames topics;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Deserializer<ScoredFeedback> scored;
  private final Deserializer<SupportAlert> alerts;
  private final Deserializer<DeadLetter> deadLetters;
  private final Deserializer<LabelDistribution> distributions;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private volatile LabelDistribution lastWindow;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  public DemoSummary(String bootstrapServers, AvroSerdes avro, TopicNames topics) {
    this.topics = topics;
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("group.id", "feedback-pulse-demo-summary");
    p.put("isolation.level", "read_committed");
    p.put("auto.offset.reset", "earliest");
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.scored = avro.specific(ScoredFeedback.class, false).deserializer();
    this.alerts = avro.specific(SupportAlert.class, false).deserializer();
    this.deadLetters = avro.specific(DeadLetter.class, false).deserializer();
    this.distributions = avro.specific(LabelDistribution.class, false).deserializer();
    consumer.subscribe(List.of(topics.scored(), topics.alerts(), topics.deadLetter(), topics.distribution()));
    this.thread = new Thread(this::poll, "demo-summary");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    while (running.get()) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        count(r);
      }
    }
    consumer.close();
  }

  private void count(ConsumerRecord<byte[], byte[]> r) {
    String t = r.topic();
    if (t.equals(topics.scored())) {
      ScoredFeedback s = scored.deserialize(t, r.value());
      increment("scored " + s.getFeedback().getChannel() + " " + s.getLabelName());
      increment("scored");
    } else if (t.equals(topics.alerts())) {
      increment("alerts " + alerts.deserialize(t, r.value()).getPriority());
      increment("alerts");
    } else if (t.equals(topics.deadLetter())) {
      increment("dead letters " + deadLetters.deserialize(t, r.value()).getReason());
      increment("dead letters");
    } else if (t.equals(topics.distribution())) {
      lastWindow = distributions.deserialize(t, r.value());
      increment("windows");
    }
  }

  private void increment(String key) {
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  public long count(String key) {
    LongAdder a = counts.get(key);
    return a == null ? 0 : a.sum();
  }

  /** A few lines: items per channel and label, alerts, dead letters, the last closed window. */
  public String render() {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((k, v) -> snapshot.put(k, v.sum()));
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "scored %d | alerts %d | dead letters %d | windows closed %d%n",
        count("scored"), count("alerts"), count("dead letters"), count("windows")));
    for (String channel : List.of("email", "chat", "app", "social")) {
      b.append(String.format(Locale.ROOT, "  %-7s negative %4d  neutral %4d  positive %4d%n", channel,
          snapshot.getOrDefault("scored " + channel + " negative", 0L),
          snapshot.getOrDefault("scored " + channel + " neutral", 0L),
          snapshot.getOrDefault("scored " + channel + " positive", 0L)));
    }
    b.append("  alerts by priority:");
    snapshot.forEach((k, v) -> {
      if (k.startsWith("alerts ")) {
        b.append(' ').append(k.substring(7)).append('=').append(v);
      }
    });
    b.append("\n  dead letters by reason:");
    snapshot.forEach((k, v) -> {
      if (k.startsWith("dead letters ")) {
        b.append(' ').append(k.substring(13)).append('=').append(v);
      }
    });
    LabelDistribution w = lastWindow;
    if (w != null) {
      b.append(String.format(Locale.ROOT, "%n  last window %s [%s, %s): %d items, negative %.2f neutral %.2f positive"
              + " %.2f, JS distance to baseline %.3f", w.getChannel(), w.getWindowStart(), w.getWindowEnd(),
          w.getTotal(), w.getShares().getNegative(), w.getShares().getNeutral(), w.getShares().getPositive(),
          w.getDrift() == null ? Double.NaN : w.getDrift().getJensenShannonDistance()));
    }
    return b.toString();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(5000);
  }
}
