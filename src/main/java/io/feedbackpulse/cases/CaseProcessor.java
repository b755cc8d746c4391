package io.feedbackpulse.cases;

import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.SupportCase;
import io.feedbackpulse.cases.Cases;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by case id: folds each alert into its case and forwards the case as it now is, so the compacted
 * support.cases topic holds every case's latest state. Punctuators close cases idle for {@code cases.idle-close}
 * and, {@code cases.retention} later, delete them with a tombstone. Idleness is measured in the alerts' own time,
 * not the wall clock's: a restored or replayed backlog closes the cases its own alerts say are idle, and a paused
 * service does not close every case when it resumes.
 *
 * <p>Stream time moves with the alerts alone, so on a quiet partition it stops, and a case whose alerts stopped
 * would stay open until someone else's alert reached the partition. A wall-clock punctuator therefore lets the
 * alerts' time run on while none arrive: the task's stream time plus the wall-clock time since it last processed
 * an alert (or started). While alerts flow, replayed or live, that quiet span stays near zero and stream time
 * alone decides.
 *
 * <p>The cases live in a changelogged store, written in the same processing step as the record forwarded about
 * them (one transaction under exactly-once), so a restart neither loses a case's alert nor counts it twice.
 */
public final class CaseProcessor implements Processor<String, SupportAlert, String, SupportCase> {
  private final Cases cases;
  private final String storeName;
  private KeyValueStore<String, SupportCase> store;
  private ProcessorContext<String, SupportCase> context;
  private long lastAlertWallClock;

  public CaseProcessor(Cases cases, String storeName) {
    this.cases = cases;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, SupportCase> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    this.lastAlertWallClock = context.currentSystemTimeMs();
    context.schedule(cases.policy().checkEvery(), PunctuationType.STREAM_TIME, this::closeIdleAndDropExpired);
    context.schedule(cases.policy().checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::closeWhileQuiet);
  }

  @Override
  public void process(Record<String, SupportAlert> record) {
    String caseId = record.key();
    SupportCase current = store.get(caseId);
    if (current != null && cases.idle(current, record.timestamp())) {
      // the punctuator has not come round to it: the old case closes before the alert opens a new one
      current = cases.close(current);
      context.forward(new Record<>(caseId, current, current.getClosedAt().toEpochMilli()));
    }
    SupportCase next = cases.add(current, record.value());
    store.put(caseId, next);
    context.forward(new Record<>(caseId, next, record.timestamp()));
    lastAlertWallClock = context.currentSystemTimeMs();
  }

  private void closeWhileQuiet(long wallClock) {
    long streamTime = context.currentStreamTimeMs();
    if (streamTime < 0) {
      return; // no alert has ever reached this partition: no case to close
    }
    closeIdleAndDropExpired(streamTime + Math.max(0, wallClock - lastAlertWallClock));
  }

  private void closeIdleAndDropExpired(long alertTime) {
    List<KeyValue<String, SupportCase>> changed = new ArrayList<>();
    try (KeyValueIterator<String, SupportCase> all = store.all()) {
      all.forEachRemaining(entry -> {
        if (cases.idle(entry.value, alertTime)) {
          changed.add(KeyValue.pair(entry.key, cases.close(entry.value)));
        } else if (cases.expired(entry.value, alertTime)) {
          changed.add(KeyValue.pair(entry.key, null));
        }
      });
    }
    for (KeyValue<String, SupportCase> c : changed) {
      if (c.value == null) {
        store.delete(c.key);
        context.forward(new Record<>(c.key, null, alertTime));
      } else {
        store.put(c.key, c.value);
        context.forward(new Record<>(c.key, c.value, c.value.getClosedAt().toEpochMilli()));
      }
    }
  }
}
