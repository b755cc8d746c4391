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

/** Reads a record of the labels topic: a label keyed by its feedback id, or a dead letter that says why not. */
final class LabelIngestProcessor implements Processor<byte[], byte[], String, Outcome<FeedbackLabel>> {
  private final LabelReader reader;
  private final DeadLetters deadLetters;
  private ProcessorContext<String, Outcome<FeedbackLabel>> context;

  LabelIngestProcessor(LabelReader reader, DeadLetters deadLetters) {
    this.reader = reader;
    this.deadLetters = deadLetters;
  }

  @Override
  public void init(ProcessorContext<String, Outcome<FeedbackLabel>> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata source = context.recordMetadata().orElse(null);
    String topic = source == null ? "" : source.topic();
    try {
      FeedbackLabel label = reader.read(topic, record.key(), record.value(), record.timestamp());
      context.forward(new Record<>(label.getId(), Outcome.of(label), record.timestamp()));
    } catch (RejectedRecordException rejected) {
      context.forward(new Record<>(null, Outcome.failed(deadLetters.of(rejected.reason().code(), rejected.detail(),
          null, source, record.timestamp(), record.key(), record.value())), record.timestamp()));
    }
  }
}
