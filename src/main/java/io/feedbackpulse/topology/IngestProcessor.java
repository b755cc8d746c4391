package io.feedbackpulse.topology;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.inference.BatchStage;
import io.feedbackpulse.inference.StageTimings;
import io.feedbackpulse.ingest.FeedbackIngestor;
import io.feedbackpulse.ingest.IngestResult;
import io.feedbackpulse.streams.DeadLetters;
import io.feedbackpulse.streams.Outcome;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes, normalizes and validates a raw channel record: a Feedback keyed by its canonical id and
 * stamped with its event time (and, in a header, where it was read from), or a dead letter.
 */
final class IngestProcessor implements Processor<byte[], byte[], String, Outcome<Feedback>> {
  private final FeedbackIngestor ingestor;
  private final DeadLetters deadLetters;
  private final StageTimings timings;
  private ProcessorContext<String, Outcome<Feedback>> context;

  IngestProcessor(FeedbackIngestor ingestor, DeadLetters deadLetters, StageTimings timings) {
    this.timings = timings;
    this.ingestor = ingestor;
    this.deadLetters = deadLetters;
  }

  @Override
  public void init(ProcessorContext<String, Outcome<Feedback>> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata source = context.recordMetadata().orElse(null);
    String topic = source == null ? "" : source.topic();
    long start = System.nanoTime();
    IngestResult result = ingestor.ingest(topic, record.key(), record.value(), headerBytes(record.headers()),
        record.timestamp(), context.currentSystemTimeMs());
    timings.batchStage(BatchStage.DECODE, System.nanoTime() - start);
    if (result instanceof IngestResult.Accepted accepted) {
      Feedback f = accepted.feedback();
      context.forward(new Record<>(f.getId(), Outcome.of(f), f.getEventTime().toEpochMilli(),
          SourceHeader.stamped(record.headers(), source)));
    } else if (result instanceof IngestResult.Rejected rejected) {
      context.forward(new Record<>(null, Outcome.failed(deadLetters.of(rejected.reason().code(), rejected.detail(),
          rejected.channel(), source, record.timestamp(), record.key(), record.value())), record.timestamp()));
    }
  }

  private static int headerBytes(Headers headers) {
    int bytes = 0;
    for (Header h : headers) {
      bytes += h.key().length() + (h.value() == null ? 0 : h.value().length);
    }
    return bytes;
  }
}
