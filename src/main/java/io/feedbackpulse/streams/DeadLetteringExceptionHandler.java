package io.feedbackpulse.streams;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.streams.TransientFailures;
import io.feedbackpulse.registry.AvroSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' last line (KIP-1034): an exception nobody foresaw while processing or deserializing a record
 * becomes a {@link DeadLetter} of that record's original bytes and coordinates in the dead-letter topic
 * ({@code errors.dead.letter.queue.topic.name}), and the stream goes on. So does an output that cannot be
 * written: too large, not serializable, or refused by the broker for its size or timestamp. Errors of the
 * surroundings rather than the record (schema registry unreachable or lacking a subject, retriable Kafka
 * errors) fail the thread instead, so the record is retried, not skipped. A call on a closed model
 * ({@link ModelClosedException}) fails it too: the service is stopping, and the record is processed again
 * after the restart.
 *
 * <p>Configured with the service's registry settings under {@value #SETTINGS_PREFIX}.
 */
public final class DeadLetteringExceptionHandler
    implements ProcessingExceptionHandler, DeserializationExceptionHandler, ProductionExceptionHandler {
  public static final String SETTINGS_PREFIX = "feedback-pulse.";
  public static final String UNEXPECTED_ERROR = "unexpected_error";
  public static final String UNDESERIALIZABLE = "undeserializable";
  public static final String OUTPUT_TOO_LARGE = "output_too_large";
  public static final String UNSERIALIZABLE_OUTPUT = "unserializable_output";
  public static final String OUTPUT_REFUSED = "output_refused";
  private static final Logger log = LoggerFactory.getLogger(DeadLetteringExceptionHandler.class);

  private final DeadLetterLog deadLetterLog = new DeadLetterLog();
  private DeadLetters deadLetters;
  private String topic;
  private RegistrySettings registry;
  /**
   * Made at the first dead letter: Kafka Streams configures a handler for every task it creates, and each
   * serializer holds a registry client with an HTTP client and its selector thread, which most handlers never use.
   */
  private Serializer<DeadLetter> serializer;

  private synchronized Serializer<DeadLetter> serializer() {
    if (serializer == null) {
      serializer = new AvroSerdes(registry).specific(DeadLetter.class, false).serializer();
    }
    return serializer;
  }

  @Override
  public void configure(Map<String, ?> configs) {
    topic = String.valueOf(configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
    Settings.Builder settings = Settings.builder();
    configs.forEach((key, value) -> {
      if (key.startsWith(SETTINGS_PREFIX) && value != null) {
        settings.set(key.substring(SETTINGS_PREFIX.length()), value.toString());
      }
    });
    Settings service = settings.build();
    registry = RegistrySettings.from(service);
    deadLetters = new DeadLetters(Clock.systemUTC(), service.integer("dead-letter.max-original-bytes"));
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
      Exception exception) {
    if (TransientFailures.isTransient(exception) || modelClosed(exception)) {
      return ProcessingExceptionHandler.Response.fail();
    }
    deadLetterLog.deadLettered(UNEXPECTED_ERROR, where(context), context.processorNodeId() + ": " + exception);
    log.debug("Unexpected error in {} on {}", context.processorNodeId(), where(context), exception);
    return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(UNEXPECTED_ERROR, context, exception)));
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
      ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (TransientFailures.isTransient(exception)) {
      return DeserializationExceptionHandler.Response.fail();
    }
    deadLetterLog.deadLettered(UNDESERIALIZABLE, where(context), exception.toString());
    return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(UNDESERIALIZABLE, context, exception)));
  }

  /** The broker refused an output: a retriable error is retried; one about this record dead-letters it. */
  @Override
  public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context,
      ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RetriableException) {
      return ProductionExceptionHandler.Response.retry();
    }
    if (!(exception instanceof RecordTooLargeException || exception instanceof InvalidTimestampException)) {
      return ProductionExceptionHandler.Response.fail();
    }
    String reason = exception instanceof RecordTooLargeException ? OUTPUT_TOO_LARGE : OUTPUT_REFUSED;
    deadLetterLog.deadLettered(reason, where(context), "the broker refused a record for " + record.topic() + ": "
        + exception);
    return ProductionExceptionHandler.Response.resume(List.of(deadLetter(reason, context, exception,
        record.key(), record.value())));
  }

  /**
   * An output that cannot be serialized: when the registry is at fault the record is retried; when the
   * record is (too large, or a value the schema cannot hold) it is dead-lettered.
   */
  @Override
  public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
      ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
    if (TransientFailures.isTransient(exception)) {
      return ProductionExceptionHandler.Response.fail();
    }
    String reason = exception instanceof OutputTooLargeException ? OUTPUT_TOO_LARGE : UNSERIALIZABLE_OUTPUT;
    deadLetterLog.deadLettered(reason, where(context), "cannot serialize a record for " + record.topic() + ": "
        + exception);
    byte[] key = record.key() instanceof String k ? k.getBytes(StandardCharsets.UTF_8) : null;
    byte[] rendered = String.valueOf(record.value()).getBytes(StandardCharsets.UTF_8);
    return ProductionExceptionHandler.Response.resume(List.of(deadLetter(reason, context, exception, key, rendered)));
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
    return deadLetter(reason, context, e, null, null);
  }

  /** Of the source record when there is one; else (a record forwarded by a punctuator) of the output itself. */
  private ProducerRecord<byte[], byte[]> deadLetter(String reason, ErrorHandlerContext context, Exception e,
      byte[] outputKey, byte[] outputValue) {
    boolean hasSource = context.sourceRawValue() != null;
    byte[] key = hasSource ? context.sourceRawKey() : outputKey;
    byte[] value = hasSource ? context.sourceRawValue() : outputValue;
    DeadLetter letter = deadLetters.of(reason, context.processorNodeId() + ": " + e, null, context.topic(),
        context.partition(), context.offset(), Math.max(0, context.timestamp()), key, value);
    byte[] letterKey = letter.getOriginalKey() == null ? null : bytes(letter.getOriginalKey());
    return new ProducerRecord<>(topic, null, letterKey, serializer().serialize(topic, letter));
  }

  private static String where(ErrorHandlerContext context) {
    return context.topic() + "-" + context.partition() + "@" + context.offset();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
