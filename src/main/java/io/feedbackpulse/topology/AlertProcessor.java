package io.feedbackpulse.topology;

import io.feedbackpulse.alert.AlertBuilder;
import io.feedbackpulse.alert.ContactHistory;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by customer: remembers on which channels the customer wrote lately and turns negative items
 * into support alerts, keyed by feedback id.
 */
final class AlertProcessor implements Processor<String, ScoredFeedback, String, SupportAlert> {
  private final AlertBuilder builder;
  private final String storeName;
  private final Duration span;
  private KeyValueStore<String, ContactHistory> contacts;
  private ProcessorContext<String, SupportAlert> context;

  AlertProcessor(AlertBuilder builder, String storeName, Duration span) {
    this.builder = builder;
    this.storeName = storeName;
    this.span = span;
  }

  @Override
  public void init(ProcessorContext<String, SupportAlert> context) {
    this.context = context;
    this.contacts = context.getStateStore(storeName);
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
