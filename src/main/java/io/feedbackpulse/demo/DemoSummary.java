package io.feedbackpulse.demo;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.service.TopicTail;
import io.feedbackpulse.streams.TopicNames;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads the service's output topics from their start as a downstream consumer would
 * (read_committed, Avro through the registry) and keeps the counts the demo prints.
 */
public final class DemoSummary implements AutoCloseable {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private volatile LabelDistribution lastWindow;
  private volatile PipelineRun lastRun;
  private final TopicTail tail;

  public DemoSummary(String bootstrapServers, AvroSerdes avro, TopicNames topics) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    this.tail = new TopicTail(p, "feedback-pulse-demo-summary", List.of(
        new TopicTail.Follow<>(topics.scored(), avro.specific(ScoredFeedback.class, false).deserializer(), s -> {
          increment("scored " + s.getFeedback().getChannel() + " " + s.getLabelName());
          increment("scored");
        }),
        new TopicTail.Follow<>(topics.alerts(), avro.specific(SupportAlert.class, false).deserializer(), a -> {
          increment("alerts " + a.getPriority());
          increment("alerts");
        }),
        new TopicTail.Follow<>(topics.deadLetter(), avro.specific(DeadLetter.class, false).deserializer(), d -> {
          increment("dead letters " + d.getReason());
          increment("dead letters");
        }),
        new TopicTail.Follow<>(topics.distribution(), avro.specific(LabelDistribution.class, false).deserializer(),
            w -> {
              lastWindow = w;
              increment("windows");
            }),
        new TopicTail.Follow<>(topics.pipelineRuns(), avro.specific(PipelineRun.class, false).deserializer(),
            r -> {
              PipelineRun last = lastRun;
              if (last == null || !r.getStartedAt().isBefore(last.getStartedAt())) {
                lastRun = r;
              }
            })), TopicTail.FROM_THE_BEGINNING).start();
  }

  private void increment(String key) {
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  public long count(String key) {
    LongAdder a = counts.get(key);
    return a == null ? 0 : a.sum();
  }

  /**
   * A few lines: items per channel and label, alerts, dead letters, the last closed window, and the newest training
   * pipeline run once there is one.
   */
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
              + " %.2f, JS distance to %s %.3f", w.getChannel(), w.getWindowStart(), w.getWindowEnd(),
          w.getTotal(), w.getShares().getNegative(), w.getShares().getNeutral(), w.getShares().getPositive(),
          w.getDrift() == null ? "reference" : w.getDrift().getReference(),
          w.getDrift() == null ? Double.NaN : w.getDrift().getJensenShannonDistance()));
    }
    PipelineRun run = lastRun;
    if (run != null) {
      b.append("\n  ").append(RunLine.of(run));
    }
    return b.toString();
  }

  @Override
  public void close() throws InterruptedException {
    tail.close();
  }
}
