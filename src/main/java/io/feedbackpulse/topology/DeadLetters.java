package io.feedbackpulse.topology;

import io.feedbackpulse.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds dead letters that carry the reason and where the record came from. */
public final class DeadLetters {
  private final Clock clock;

  public DeadLetters(Clock clock) {
    this.clock = clock;
  }

  public DeadLetter of(String reason, String detail, String channel, RecordMetadata source, long recordTimestamp,
      byte[] key, byte[] value) {
    return source == null
        ? of(reason, detail, channel, null, -1, -1, recordTimestamp, key, value)
        : of(reason, detail, channel, source.topic(), source.partition(), source.offset(), recordTimestamp, key, value);
  }

  public DeadLetter of(String reason, String detail, String channel, String topic, int partition, long offset,
      long recordTimestamp, byte[] key, byte[] value) {
    return DeadLetter.newBuilder()
        .setReason(reason)
        .setDetail(detail)
        .setSourceTopic(topic == null ? "" : topic)
        .setPartition(partition)
        .setOffset(offset)
        .setRecordTimestamp(Instant.ofEpochMilli(recordTimestamp))
        .setFailedAt(clock.instant())
        .setChannel(channel)
        .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
        .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
        .build();
  }
}
