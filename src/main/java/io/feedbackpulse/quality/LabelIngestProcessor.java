package io.feedbackpulse.quality;

import io.feedbackpulse.avro.FeedbackLabel;
import io.feedbackpulse.ingest.LabelReader;
import io.feedbackpulse.ingest.RejectedRecordException;
import io.feedbackpulse.streams.DeadLetters;
import io.feedbackpulse.streams.Outcome;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads a record of the labels topic: a label keyed by its feedback id, its time judged ({@link LabelTimes}) and
 * stamped with when it arrived (held to the service's clock), or a dead letter that says why not.
 */
final class LabelIngestProcessor implements Processor<byte[], byte[], String, Outcome<TrueLabel>> {
  private final LabelReader reader;
  private final LabelTimes times;
  private final DeadLetters deadLetters;
  private ProcessorContext<String, Outcome<TrueLabel>> context;

  LabelIngestProcessor(LabelReader reader, LabelTimes times, DeadLetters deadLetters) {
    this.reader = reader;
    this.times = times;
    this.deadLetters = deadLetters;
  }

  @Override
  public void init(ProcessorContext<String, Outcome<TrueLabel>> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata source = context.recordMetadata().orElse(null);
    String topic = source == null ? "" : source.topic();
    try {
      FeedbackLabel read = reader.read(topic, record.key(), record.value());
      long now = context.currentSystemTimeMs();
      TrueLabel label = times.read(read, record.timestamp(), now);
      context.forward(new Record<>(read.getId(), Outcome.of(label), times.arrivedAt(record.timestamp(), now)));
    } catch (RejectedRecordException rejected) {
      context.forward(new Record<>(null, Outcome.failed(deadLetters.of(rejected.reason().code(), rejected.detail(),
          null, source, record.timestamp(), record.key(), record.value())), record.timestamp()));
    }
  }
}
