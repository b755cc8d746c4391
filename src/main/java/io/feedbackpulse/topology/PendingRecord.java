package io.feedbackpulse.topology;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.streams.Outcome;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A record waiting for its batch's model call: everything needed to forward its result (key,
 * timestamp, headers) or to write its dead letter (where it came from) after a restart.
 *
 * @param arrivedAtMillis wall-clock time the record reached the scoring step
 * @param source the input record's topic, partition and offset (from {@link SourceHeader} when the record
 *     crossed a repartition topic); null when unknown
 */
record PendingRecord(String key, Feedback feedback, long timestamp, Headers headers, long arrivedAtMillis,
    Source source) {

  /** Where a record was read from; kept because a punctuator has no record metadata. */
  record Source(String topic, int partition, long offset) implements RecordMetadata {}

  static PendingRecord of(Record<String, Outcome<Feedback>> record, Optional<RecordMetadata> metadata,
      long arrivedAtMillis) {
    Source source = SourceHeader.take(record.headers())
        .orElseGet(() -> metadata.map(m -> new Source(m.topic(), m.partition(), m.offset())).orElse(null));
    return new PendingRecord(record.key(), record.value().value(), record.timestamp(), record.headers(),
        arrivedAtMillis, source);
  }
}
