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
    return DeadLetter.newBuilder()
        .setReason(reason)
        .setDetail(detail)
        .setSourceTopic(source == null ? "" : source.topic())
        .setPartition(source == null ? -1 : source.partition())
        .setOffset(source == null ? -1 : source.offset())
        .setRecordTimestamp(Instant.ofEpochMilli(recordTimestamp))
        .setFailedAt(clock.instant())
        .setChannel(channel)
        .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
        .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
        .build();
  }
}
