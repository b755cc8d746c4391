package io.feedbackpulse.streams;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs dead letters as one WARN per reason and interval, with how many there were: hostile input comes in
 * floods, and a line (or a stack trace) per record would drown the log. The first of a reason is logged at
 * once; later ones are counted, and the count logged with the latest one once the interval has passed.
 * Every dead letter itself is in the dead-letter topic, with its reason and detail. Thread-safe.
 */
public final class DeadLetterLog {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(DeadLetterLog.class);

  private final Duration interval;
  private final LongSupplier nanoTime;
  private final Consumer<String> sink;
  private final Map<String, Tally> byReason = new ConcurrentHashMap<>();

  public DeadLetterLog() {
    this(DEFAULT_INTERVAL, System::nanoTime, log::warn);
  }

  DeadLetterLog(Duration interval, LongSupplier nanoTime, Consumer<String> sink) {
    this.interval = interval;
    this.nanoTime = nanoTime;
    this.sink = sink;
  }

  /**
   * @param where the record's topic, partition and offset, or its feedback id
   * @param detail why, in words
   */
  public void deadLettered(String reason, String where, String detail) {
    String line = byReason.computeIfAbsent(reason, r -> new Tally()).add(reason, where, detail);
    if (line != null) {
      sink.accept(line);
    }
  }

  private final class Tally {
    private long unlogged;
    private long lastLoggedAt;
    private boolean logged;

    synchronized String add(String reason, String where, String detail) {
      unlogged++;
      long now = nanoTime.getAsLong();
      if (logged && now - lastLoggedAt < interval.toNanos()) {
        return null;
      }
      String line = (logged ? "Dead-lettered " + unlogged + " record(s) as " + reason + " in the last "
          + interval.toSeconds() + " s; latest " : "Dead-lettered a record as " + reason + " (more are counted and "
          + "logged every " + interval.toSeconds() + " s): ") + where + ": " + detail;
      logged = true;
      lastLoggedAt = now;
      unlogged = 0;
      return line;
    }
  }
}
