package io.feedbackpulse.topology;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.service.Pipeline;
import io.feedbackpulse.service.TransientFailures;
import io.feedbackpulse.registry.AvroSerdes;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' last line (KIP-1034): an exception nobody foresaw while processing or deserializing a record
 * becomes a {@link DeadLetter} of that record's original bytes and coordinates in the dead-letter topic
 * ({@code errors.dead.letter.queue.topic.name}), and the stream goes on. Errors of the surroundings rather than
 * the record (schema registry unreachable, retriable Kafka errors) fail the thread instead, so the record is
 * retried, not skipped. So does a call on a closed model ({@link ModelClosedException}): the service is
 * stopping, and the record is processed again after the restart.
 *
 * <p>Configured with the service's registry settings under {@value #SETTINGS_PREFIX}.
 */
public final class DeadLetteringExceptionHandler implements ProcessingExceptionHandler, DeserializationExceptionHandler {
  public static final String SETTINGS_PREFIX = "feedback-pulse.";
  public static final String UNEXPECTED_ERROR = "unexpected_error";
  public static final String UNDESERIALIZABLE = "undeserializable";
  private static final Logger log = LoggerFactory.getLogger(DeadLetteringExceptionHandler.class);

  private final DeadLetters deadLetters = new DeadLetters(Clock.systemUTC());
  private String topic;
  private Serializer<DeadLetter> serializer;

  @Override
  public void configure(Map<String, ?> configs) {
    topic = String.valueOf(configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
    Settings.Builder settings = Settings.builder();
    configs.forEach((key, value) -> {
      if (key.startsWith(SETTINGS_PREFIX) && value != null) {
        settings.set(key.substring(SETTINGS_PREFIX.length()), value.toString());
      }
    });
    serializer = new AvroSerdes(Pipeline.registrySettings(settings.build())).specific(DeadLetter.class, false)
        .serializer();
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
      Exception exception) {
    if (TransientFailures.isTransient(exception) || modelClosed(exception)) {
      return ProcessingExceptionHandler.Response.fail();
    }
    log.error("Unexpected error in {} on {}-{}@{}: dead-lettering the record", context.processorNodeId(),
        context.topic(), context.partition(), context.offset(), exception);
    return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(UNEXPECTED_ERROR, context, exception)));
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
      ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (TransientFailures.isTransient(exception)) {
      return DeserializationExceptionHandler.Response.fail();
    }
    log.error("Cannot deserialize {}-{}@{}: dead-lettering the record", context.topic(), context.partition(),
        context.offset(), exception);
    return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(UNDESERIALIZABLE, context, exception)));
  }

  private static boolean modelClosed(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ModelClosedException) {
        return true;
      }
    }
    return false;
  }

  private ProducerRecord<byte[], byte[]> deadLetter(String reason, ErrorHandlerContext context, Exception e) {
    DeadLetter letter = deadLetters.of(reason, context.processorNodeId() + ": " + e, null, context.topic(),
        context.partition(), context.offset(), Math.max(0, context.timestamp()), context.sourceRawKey(), context.sourceRawValue());
    return new ProducerRecord<>(topic, null, context.sourceRawKey(), serializer.serialize(topic, letter));
  }
}
