package io.feedbackpulse.alert;

import io.feedbackpulse.alert.AlertBuilder;
import io.feedbackpulse.alert.ContactHistory;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by customer: remembers on which channels the customer wrote lately and turns negative items
 * into support alerts, keyed by feedback id. Customers silent for longer than the span are
 * forgotten as stream time passes, so the store holds recent customers, not every one ever seen.
 * An item in a language the model cannot read alerts too (reason unsupported_language), and counts as a contact.
 */
public final class AlertProcessor implements Processor<String, ScoredFeedback, String, SupportAlert> {
  private final AlertBuilder builder;
  private final String storeName;
  private final Duration span;
  private KeyValueStore<String, ContactHistory> contacts;
  private ProcessorContext<String, SupportAlert> context;

  public AlertProcessor(AlertBuilder builder, String storeName, Duration span) {
    this.builder = builder;
    this.storeName = storeName;
    this.span = span;
  }

  @Override
  public void init(ProcessorContext<String, SupportAlert> context) {
    this.context = context;
    this.contacts = context.getStateStore(storeName);
    context.schedule(span, PunctuationType.STREAM_TIME, this::forgetSilentCustomers);
  }

  private void forgetSilentCustomers(long streamTime) {
    long horizon = streamTime - span.toMillis();
    List<String> silent = new ArrayList<>();
    try (KeyValueIterator<String, ContactHistory> all = contacts.all()) {
      all.forEachRemaining(entry -> {
        if (entry.value == null || entry.value.latest() < horizon) {
          silent.add(entry.key);
        }
      });
    }
    silent.forEach(contacts::delete);
  }

  @Override
  public void process(Record<String, ScoredFeedback> record) {
    ScoredFeedback scored = record.value();
    long eventTime = scored.getFeedback().getEventTime().toEpochMilli();
    int channels = 1;
    if (record.key() != null) {
      ContactHistory history = contacts.get(record.key());
      history = (history == null ? new ContactHistory() : history)
          .record(scored.getFeedback().getChannel(), eventTime, span);
      contacts.put(record.key(), history);
      channels = history.channelsWithin(eventTime, span);
    }
    builder.alertFor(scored, channels).ifPresent(alert ->
        context.forward(new Record<>(alert.getFeedbackId(), alert, record.timestamp())));
  }
}
