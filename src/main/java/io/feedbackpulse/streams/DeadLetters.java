package io.feedbackpulse.streams;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.ingest.RejectReason;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Builds dead letters that carry the reason and where the record came from. The original value is
 * kept up to a bound, and the detail up to {@link #MAX_DETAIL_CHARS}, so a dead letter always fits
 * the broker's default message size whatever the record it is about.
 */
public final class DeadLetters {
  public static final int DEFAULT_MAX_ORIGINAL_BYTES = 64 * 1024;
  /** The model failed on one item; the others of its batch are scored. */
  public static final String INFERENCE_FAILED = "inference_failed";
  /** Every reason a dead letter can carry: the input's rejections, a model failure and the exception handler's. */
  public static final List<String> REASONS = Stream.concat(Arrays.stream(RejectReason.values()).map(RejectReason::code),
      Stream.of(INFERENCE_FAILED, DeadLetteringExceptionHandler.UNEXPECTED_ERROR,
          DeadLetteringExceptionHandler.UNDESERIALIZABLE, DeadLetteringExceptionHandler.OUTPUT_TOO_LARGE,
          DeadLetteringExceptionHandler.UNSERIALIZABLE_OUTPUT, DeadLetteringExceptionHandler.OUTPUT_REFUSED)).toList();
  static final int MAX_DETAIL_CHARS = 2_000;

  private final Clock clock;
  private final int maxOriginalBytes;

  public DeadLetters(Clock clock) {
    this(clock, DEFAULT_MAX_ORIGINAL_BYTES);
  }

  /** @param maxOriginalBytes the most bytes of the original value a dead letter keeps */
  public DeadLetters(Clock clock, int maxOriginalBytes) {
    if (maxOriginalBytes < 0) {
      throw new IllegalArgumentException("dead-letter.max-original-bytes must not be negative, got " + maxOriginalBytes);
    }
    this.clock = clock;
    this.maxOriginalBytes = maxOriginalBytes;
  }

  public DeadLetter of(String reason, String detail, String channel, RecordMetadata source, long recordTimestamp,
      byte[] key, byte[] value) {
    return source == null
        ? of(reason, detail, channel, null, -1, -1, recordTimestamp, key, value)
        : of(reason, detail, channel, source.topic(), source.partition(), source.offset(), recordTimestamp, key, value);
  }

  public DeadLetter of(String reason, String detail, String channel, String topic, int partition, long offset,
      long recordTimestamp, byte[] key, byte[] value) {
    boolean truncated = value != null && value.length > maxOriginalBytes;
    return DeadLetter.newBuilder()
        .setReason(reason)
        .setDetail(detail.length() <= MAX_DETAIL_CHARS ? detail : detail.substring(0, MAX_DETAIL_CHARS) + "...")
        .setSourceTopic(topic == null ? "" : topic)
        .setPartition(partition)
        .setOffset(offset)
        .setRecordTimestamp(Instant.ofEpochMilli(recordTimestamp))
        .setFailedAt(clock.instant())
        .setChannel(channel)
        .setOriginalKey(key == null ? null : ByteBuffer.wrap(cut(key)))
        .setOriginalValue(value == null ? null : ByteBuffer.wrap(cut(value)))
        .setOriginalValueSize(value == null ? -1 : value.length)
        .setOriginalValueTruncated(truncated)
        .build();
  }

  private byte[] cut(byte[] bytes) {
    return bytes.length <= maxOriginalBytes ? bytes : Arrays.copyOf(bytes, maxOriginalBytes);
  }
}
