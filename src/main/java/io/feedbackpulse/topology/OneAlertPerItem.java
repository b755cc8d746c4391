package io.feedbackpulse.topology;

import io.feedbackpulse.alert.AlertBuilder;
import io.feedbackpulse.avro.ScoredFeedback;
import java.time.Duration;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Keyed by feedback id, between scoring and the alert branches (known and unknown customer): an item
 * raises at most one support alert while deduplication remembers it. The first version that would alert
 * marks the item's latest seen-feedback entry; a later revision that would alert too is kept off the
 * alert path (it is still in feedback.scored, marked by its revision). A revision that would not alert
 * passes, so the customer-contacts history still sees the contact.
 *
 * <p>It shares the seen-feedback store with {@link DuplicateFilter}, in the same task, so the mark and the
 * alert's record are written in one transaction.
 */
final class OneAlertPerItem implements FixedKeyProcessor<String, ScoredFeedback, ScoredFeedback> {
  private final AlertBuilder alerts;
  private final String storeName;
  private final long windowMillis;
  private FixedKeyProcessorContext<String, ScoredFeedback> context;
  private WindowStore<String, SeenFeedback> seen;

  OneAlertPerItem(AlertBuilder alerts, String storeName, Duration window) {
    this.alerts = alerts;
    this.storeName = storeName;
    this.windowMillis = window.toMillis();
  }

  @Override
  public void init(FixedKeyProcessorContext<String, ScoredFeedback> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, ScoredFeedback> record) {
    if (!alerts.raisesAlert(record.value())) {
      context.forward(record);
      return;
    }
    long now = Math.max(context.currentStreamTimeMs(), record.timestamp());
    KeyValue<Long, SeenFeedback> last = SeenFeedback.latest(seen, record.key(), now, windowMillis);
    if (last != null && last.value.alerted()) {
      return;
    }
    if (last != null) {
      seen.put(record.key(), last.value.alertRaised(), last.key);
    }
    context.forward(record);
  }
}
